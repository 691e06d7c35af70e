#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// A pipe registered on one event loop: ring it, and the loop answers
/// (``onAnswer``) in its next look at its sockets, not before.
///
/// Why: an event loop runs queued work until none is left and only then
/// reads its sockets. A queue of requests that keeps its loop busy (each
/// finished request starting the next) leaves new requests unread for as
/// long as the queue lasts; they then arrive all at once and the last of
/// them waits for two turns of the queue. ``AdmissionLane`` hands a freed
/// place on when the bell is answered, so the loop has read what came in
/// first and the queue stays in the order requests really arrived.
final class LoopDoorbell: Sendable {
    private enum Line {
        case connecting
        case connected(any Channel)
        /// Registration failed or the bell was closed: rings are answered at once on the loop.
        case broken
    }

    let loop: any EventLoop
    private let line = NIOLockedValueBox<Line>(.connecting)
    private let answer = NIOLockedValueBox<(@Sendable () -> Void)?>(nil)
    private static let tone = ByteBuffer(bytes: [1])

    init(on loop: any EventLoop) {
        self.loop = loop
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else {
            line.withLockedValue { $0 = .broken }
            return
        }
        let (input, output) = (ends[0], ends[1])
        let registered = NIOPipeBootstrap(group: loop)
            .channelInitializer { [self] channel in
                channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(Ear(bell: self)) }
            }
            .takingOwnershipOfDescriptors(input: input, output: output)
        registered.whenComplete { [self] result in
            switch result {
            case .success(let channel):
                let keep = line.withLockedValue { line -> Bool in
                    guard case .connecting = line else { return false }
                    line = .connected(channel)
                    return true
                }
                if !keep { channel.close(promise: nil) }
            case .failure:
                closeDescriptor(input)
                closeDescriptor(output)
                line.withLockedValue { $0 = .broken }
            }
            // A ring made while connecting may have gone unheard.
            loop.execute { self.answerNow() }
        }
    }

    /// What to do when the loop answers; set once, before the first ring.
    func onAnswer(_ action: @escaping @Sendable () -> Void) {
        answer.withLockedValue { $0 = action }
    }

    /// Asks for an answer after the loop's next look at its sockets.
    func ring() {
        switch line.withLockedValue({ $0 }) {
        case .connected(let channel):
            // A ring lost to a closing pipe is answered anyway: a promised place must not be stranded.
            channel.writeAndFlush(Self.tone).whenFailure { [self] _ in loop.execute { self.answerNow() } }
        case .connecting:
            break  // answered once connected
        case .broken:
            loop.execute { self.answerNow() }
        }
    }

    /// Closes the pipe; later rings are answered at once.
    func close() {
        let channel = line.withLockedValue { line -> (any Channel)? in
            defer { line = .broken }
            if case .connected(let channel) = line { return channel }
            return nil
        }
        channel?.close(promise: nil)
    }

    fileprivate func answerNow() {
        answer.withLockedValue { $0 }?()
    }

    /// Hears the bell: the loop is reading its sockets.
    private final class Ear: ChannelInboundHandler, Sendable {
        typealias InboundIn = ByteBuffer
        let bell: LoopDoorbell
        init(bell: LoopDoorbell) { self.bell = bell }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {}

        func channelReadComplete(context: ChannelHandlerContext) {
            bell.answerNow()
        }
    }
}

/// The system's `close`, out of reach of ``LoopDoorbell/close()``.
private func closeDescriptor(_ descriptor: Int32) {
    _ = close(descriptor)
}
