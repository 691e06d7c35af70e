import Foundation
import Vapor
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Looks up the addresses a webhook host name stands for.
///
/// Use it before every delivery (and at subscription) so that each address
/// can be checked and the connection made to a checked one: a name that
/// resolved to a public address when subscribed may later resolve to a
/// private one (DNS rebinding). Contract: an IP literal, in any spelling,
/// resolves to itself without a lookup; a name that does not resolve gives
/// an empty list.
struct AddressResolver: Sendable {
    var resolve: @Sendable (_ host: String) async throws -> [IPAddress]

    /// The system resolver (getaddrinfo), run off the event loops as it blocks.
    static let system = AddressResolver { host in
        if let literal = IPAddress.parse(host) { return [literal] }
        return try await NIOThreadPool.singleton.runIfActive { Self.lookUp(host) }
    }

    private static func lookUp(_ host: String) -> [IPAddress] {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
        hints.ai_socktype = SOCK_STREAM
        #endif
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &list) == 0, let first = list else { return [] }
        defer { freeaddrinfo(first) }
        var addresses: [IPAddress] = []
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let entry = cursor {
            if let socket = entry.pointee.ai_addr {
                switch Int32(socket.pointee.sa_family) {
                case AF_INET:
                    socket.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { v4 in
                        addresses.append(.v4(UInt32(bigEndian: v4.pointee.sin_addr.s_addr)))
                    }
                case AF_INET6:
                    socket.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { v6 in
                        addresses.append(.v6(withUnsafeBytes(of: v6.pointee.sin6_addr) { Array($0) }))
                    }
                default: break
                }
            }
            cursor = entry.pointee.ai_next
        }
        var seen = Set<IPAddress>()
        return addresses.filter { seen.insert($0).inserted }
    }
}
