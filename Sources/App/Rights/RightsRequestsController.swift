import Foundation
import LanternDomain
import Ledger
import Policy
import SQLKit
import Storage
import Vapor

/// The DPO's rights requests: finding the subject from what the requester
/// gave, recording the request, settling identity, pausing, extending and
/// closing, each audited. Only an open request whose requester's identity is
/// settled lets the DPO read about its subject (``RightsRequestSubjects``).
struct RightsRequestsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let group = routes.grouped("rights-requests")
        group.get(use: list)
        group.get("new", use: find)
        group.post(use: record)
        group.post(":id", ":step", use: change)
        group.get(":id", "pack", use: packPage)
        group.get(":id", "pack.json", use: packJSON)
    }

    /// The disclosure pack of an open access request, once identity is settled; producing it is audited.
    private func pack(_ req: Request) async throws -> DisclosurePack {
        _ = try await requireDPO(req, subject: "rights-requests")
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)),
              let request = try await RightsRequestRepository(database: try req.sql()).find(id) else { throw Abort(.notFound, reason: "no such rights request") }
        guard request.status == .open, request.kinds.contains(.access), request.clock.start != nil else {
            try await req.audit(.export, subject: "person:\(request.personID.uuidString)", resource: "rights-request-pack:\(request.reference)",
                                decision: .deny, reason: "no open access request with identity settled", purpose: "rights-request")
            throw Refusal.disclosurePackNeedsIdentity
        }
        let pack = try await DisclosurePackBuilder(req: req).build(request)
        try await req.audit(.export, subject: "person:\(request.personID.uuidString)", resource: "rights-request-pack:\(request.reference)",
                            reason: "disclosure pack: \(pack.records.count) records, \(pack.events.count) events, \(pack.redactions) redactions",
                            purpose: "rights-request")
        return pack
    }

    func packPage(req: Request) async throws -> View {
        try await req.renderPage("rights-request-pack", try await pack(req))
    }

    func packJSON(req: Request) async throws -> Response {
        let response = try await pack(req).encodeResponse(for: req)
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"disclosure-pack.json\"")
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    private func requireDPO(_ req: Request, subject: String) async throws -> Caller {
        try await req.requireCapability(.answerRightsRequests, subject: subject)
    }

    func list(req: Request) async throws -> View {
        let caller = try await requireDPO(req, subject: "rights-requests")
        let requests = try await RightsRequestRepository(database: try req.sql()).all()
        let today = CalendarDate.today(at: Date())
        let restricted = try await RestrictionRepository(database: try req.sql()).restricted(among: requests.map(\.personID))
        let rows = requests.map { RightsRequestRow($0, today: today, restricted: restricted.contains($0.personID)) }
        try await req.audit(.read, subject: "rights-requests", resource: "rights-requests count:\(rows.count)",
                            reason: "rights requests list", purpose: "rights-request")
        return try await req.renderPage("rights-requests", RightsRequestsPage(
            caller: .init(caller), csrf: req.csrfToken, requests: rows, today: today.description,
            problem: req.query[String.self, at: "problem"], done: req.query[String.self, at: "done"]))
    }

    /// People matching exactly what the requester gave (name and date of
    /// birth): the DPO learns that someone matches and which details agree,
    /// never what partners hold, until a request is recorded and identity settled.
    func find(req: Request) async throws -> View {
        let caller = try await requireDPO(req, subject: "rights-requests")
        struct Query: Content { var name: String?; var born: String?; var postcode: String? }
        let query = try req.query.decode(Query.self)
        var candidates: [RightsRequestCandidate] = []
        var problem: String?
        if let name = query.name?.trimmingCharacters(in: .whitespaces), !name.isEmpty {
            if let born = query.born.flatMap({ CalendarDate(parsing: $0.trimmingCharacters(in: .whitespaces)) }) {
                let matches = try await PeopleRepository(database: try req.sql()).search(name: name, born: born)
                let postcode = query.postcode.map { $0.uppercased().filter { !$0.isWhitespace } } ?? ""
                candidates = matches.filter { $0.records.contains(where: \.exactName) }.map { match in
                    let postcodeAgrees = !postcode.isEmpty && match.records.contains {
                        ($0.postcode ?? "").uppercased().filter { !$0.isWhitespace } == postcode
                    }
                    return RightsRequestCandidate(personID: match.personID, partners: Set(match.records.map(\.partner)).count,
                                                  postcodeNote: postcode.isEmpty ? nil
                                                      : postcodeAgrees ? "The postcode agrees." : "The postcode does not agree.")
                }
                for candidate in candidates {
                    try await req.audit(.accessDecision, subject: "person:\(candidate.personID.uuidString)",
                                        resource: "rights-request candidate", decision: .permitWithMasking,
                                        reason: "matched on the requester's name and date of birth; nothing held shown",
                                        purpose: "rights-request")
                }
            } else {
                problem = "Enter the requester's date of birth as DD/MM/YYYY: a subject is found on full name and date of birth."
            }
        }
        return try await req.renderPage("rights-request-new", RightsRequestFindPage(
            caller: .init(caller), csrf: req.csrfToken, name: query.name ?? "", born: query.born ?? "",
            postcode: query.postcode ?? "", searched: query.name != nil && problem == nil, candidates: candidates,
            kinds: RightsRequestKind.allCases.map { .init(value: $0.rawValue, label: $0.label) },
            today: CalendarDate.today(at: Date()).description, problem: problem))
    }

    func record(req: Request) async throws -> Response {
        let caller = try await requireDPO(req, subject: "rights-requests")
        try req.requireCSRF()
        let form = try req.content.decode([String: String].self)
        let kinds = RightsRequestKind.allCases.filter { form["kind-\($0.rawValue)"] != nil }
        guard let person = form["person"].flatMap(UUID.init(uuidString:)) else { throw Abort(.notFound, reason: "choose the person the request is about") }
        guard !kinds.isEmpty else { return redirect(req, problem: "Tick at least one right the person is asking to use.") }
        guard let received = form["received"].flatMap({ CalendarDate(parsing: $0.trimmingCharacters(in: .whitespaces)) }),
              received <= CalendarDate.today(at: Date()) else {
            return redirect(req, problem: "Enter the day the request was received (not in the future), as DD/MM/YYYY.")
        }
        let sql = try req.sql()
        let holders = Set(try await PeopleRepository(database: sql).sourceRecords(of: person).map(\.partner))
        guard !holders.isEmpty else { throw Abort(.notFound, reason: "no such person") }
        let kindsOfHolders = try await PartnershipRepository(database: sql).partners().filter { holders.contains($0.slug) }.map(\.kind)
        let made = try await RightsRequestRepository(database: sql).record(
            person: person, kinds: kinds, regimes: RightsRegime.applying(toHoldersOfKinds: kindsOfHolders), received: received,
            identityAskedFor: form["identity-asked"] != nil, handler: caller.userID, handlerName: caller.displayName, at: Date())
        try await req.audit(.write, subject: "person:\(person.uuidString)", resource: "rights-request:\(made.reference)",
                            reason: "recorded: " + kinds.map(\.rawValue).joined(separator: ","), purpose: "rights-request")
        // An objection stops case finding at once (Art 21): the list re-reads the subject's household.
        if kinds.contains(.objection) { try await StoreChangeLog(database: sql).notePeopleMoved([person], at: Date()) }
        return req.redirect(to: RightsRequestPaths.list + "?done=" + (made.reference.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
    }

    /// One step on an open request: verify, pause, resume, extend or close.
    func change(req: Request) async throws -> Response {
        let caller = try await requireDPO(req, subject: "rights-requests")
        try req.requireCSRF()
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)),
              let step = req.parameters.get("step").flatMap(RightsRequestStep.init(rawValue:)) else { throw Abort(.notFound) }
        let repository = RightsRequestRepository(database: try req.sql())
        guard let request = try await repository.find(id), request.status == .open else {
            throw Abort(.notFound, reason: "no such open rights request")
        }
        let form = (try? req.content.decode([String: String].self)) ?? [:]
        let today = CalendarDate.today(at: Date())
        let note = (form["note"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        do {
            switch step {
            case .verify:
                guard request.clock.identityVerified == nil, request.clock.identityAskedFor else {
                    return redirect(req, problem: "\(request.reference): identity is already settled.")
                }
                guard !note.isEmpty else { return redirect(req, problem: "\(request.reference): say how identity was checked.") }
                var clock = request.clock
                clock.identityVerified = today
                try await repository.save(clock: clock, of: id, verificationNote: String(note.prefix(500)))
            case .pause:
                try await repository.save(clock: try request.clock.paused(on: today), of: id)
            case .resume:
                try await repository.save(clock: try request.clock.resumed(on: today), of: id)
            case .extend:
                try await repository.save(clock: try request.clock.extended(on: today, reason: note), of: id,
                                          extensionReason: String(note.prefix(500)))
            case .restrict:
                guard request.kinds.contains(.restriction), request.clock.start != nil else {
                    return redirect(req, problem: "\(request.reference): restriction is placed only for a request that asks for it, once identity is settled.")
                }
                try await RestrictionRepository(database: try req.sql()).restrict(request.personID, request: id, by: caller.userID, at: Date())
                // Scores and alerts drop the subject's data: their household is re-read.
                try await StoreChangeLog(database: try req.sql()).notePeopleMoved([request.personID], at: Date())
            case .liftRestriction:
                guard !note.isEmpty else { return redirect(req, problem: "\(request.reference): say why the restriction is lifted: the person must be told.") }
                _ = try await RestrictionRepository(database: try req.sql()).lift(request.personID, reason: String(note.prefix(500)), at: Date())
                try await StoreChangeLog(database: try req.sql()).notePeopleMoved([request.personID], at: Date())
            case .close:
                guard !note.isEmpty else { return redirect(req, problem: "\(request.reference): say what was done before closing it.") }
                _ = try await repository.close(id, on: today, outcome: String(note.prefix(1_000)))
            }
        } catch let refusal as ResponseClock.Refusal {
            try await req.audit(.write, subject: "person:\(request.personID.uuidString)", resource: "rights-request:\(request.reference) \(step.rawValue)",
                                decision: .deny, reason: refusal.code.rawValue, purpose: "rights-request")
            return redirect(req, problem: "\(request.reference): \(refusal.description)")
        }
        try await req.audit(.write, subject: "person:\(request.personID.uuidString)", resource: "rights-request:\(request.reference) \(step.rawValue)",
                            reason: note.isEmpty ? step.rawValue : String(note.prefix(300)), purpose: "rights-request")
        // Settling identity or closing changes whether an objection keeps the subject out of case finding.
        if request.kinds.contains(.objection), step == .verify || step == .close {
            try await StoreChangeLog(database: try req.sql()).notePeopleMoved([request.personID], at: Date())
        }
        return req.redirect(to: RightsRequestPaths.list + "?done=" + (request.reference.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
    }

    private func redirect(_ req: Request, problem: String) -> Response {
        req.redirect(to: RightsRequestPaths.list + "?problem=" + (problem.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
    }
}

/// The steps an open request can take.
enum RightsRequestStep: String, Sendable, CaseIterable {
    case verify, pause, resume, extend, close
    case restrict
    case liftRestriction = "lift-restriction"
}

/// The rights-request pages' addresses, built in one place.
enum RightsRequestPaths {
    static let list = "/rights-requests"
    static let find = "/rights-requests/new"
    static func step(_ step: RightsRequestStep, of id: UUID) -> String { "/rights-requests/\(id.uuidString)/\(step.rawValue)" }
}
