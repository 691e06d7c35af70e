/// One line of the audit ledger: who did what to whose data, for which purpose, and the outcome.
///
/// Make one for every read of personal data, write, import, export, sign-in, access decision
/// (including denials) and break-glass, then append it through ``AuditLedger``. The entry is
/// hashed into the Merkle tree via its ``canonicalBytes``; keep every field exactly as given
/// so the hash can be recomputed when the ledger is verified.
///
/// Contract:
/// - ``sequence`` is the entry's 0-based position in the ledger, which is also its leaf index.
/// - ``timestamp`` is milliseconds since the Unix epoch, supplied by the caller (never read here).
/// - Text fields are kept as given (no Unicode normalisation): store and reload their UTF-8
///   bytes unchanged, or the entry will verify as altered. (`==` follows `String`, which
///   treats canonically equivalent text as equal; compare ``canonicalBytes`` for byte identity.)
/// - ``canonicalBytes`` (format version 1): byte `0x01`, sequence as UInt64 big-endian,
///   timestamp as Int64 big-endian, then actor, partner, purpose, action, subject, resource,
///   decision, reason, each as a UInt32 big-endian byte count and its UTF-8 bytes. The same
///   entry gives the same bytes on every platform and Swift version.
public struct AuditEntry: Hashable, Sendable {
    /// The format version written first in ``canonicalBytes``.
    public static let formatVersion: UInt8 = 1
    /// The longest any one text field may be, in UTF-8 bytes (64 KiB).
    public static let maximumFieldByteCount = 65_536

    /// Position in the ledger (0, 1, 2, ...), equal to the Merkle leaf index.
    public let sequence: Int
    /// When it happened: milliseconds since the Unix epoch.
    public let timestamp: Int64
    /// Who acted: the user's stable identifier (or the attempted user name for a failed sign-in).
    public let actor: String
    /// The partner agency the actor acted for.
    public let partner: String
    /// The purpose claimed for the access (for example a `Purpose` raw value).
    public let purpose: String
    /// What was done.
    public let action: AuditAction
    /// Whose data: a person, household or case identifier; empty when there is none (sign-in).
    public let subject: String
    /// Which record, view, batch or file was touched.
    public let resource: String
    /// The access decision.
    public let decision: AuditDecision
    /// Why: the policy rule and agreement clause, or the break-glass justification.
    public let reason: String

    /// Creates an entry, checking that it can be encoded.
    ///
    /// - Throws: ``LedgerError/Code-swift.enum/invalidEntry`` when `sequence` or `timestamp` is
    ///   negative or a text field is longer than ``maximumFieldByteCount`` bytes; shorten the
    ///   field (store long text elsewhere and reference it in `resource`).
    public init(
        sequence: Int,
        timestamp: Int64,
        actor: String,
        partner: String,
        purpose: String,
        action: AuditAction,
        subject: String,
        resource: String,
        decision: AuditDecision,
        reason: String
    ) throws(LedgerError) {
        guard sequence >= 0 else {
            throw LedgerError(.invalidEntry, "Sequence \(sequence) is negative; use the ledger's next sequence number.")
        }
        guard timestamp >= 0 else {
            throw LedgerError(.invalidEntry, "Timestamp \(timestamp) is before 1970; pass milliseconds since the Unix epoch.")
        }
        let fields = [("actor", actor), ("partner", partner), ("purpose", purpose),
                      ("subject", subject), ("resource", resource), ("reason", reason)]
        for (name, value) in fields where value.utf8.count > Self.maximumFieldByteCount {
            throw LedgerError(
                .invalidEntry,
                "Field \(name) is \(value.utf8.count) bytes, over the \(Self.maximumFieldByteCount)-byte limit; "
                    + "store long text elsewhere and reference it."
            )
        }
        self.sequence = sequence
        self.timestamp = timestamp
        self.actor = actor
        self.partner = partner
        self.purpose = purpose
        self.action = action
        self.subject = subject
        self.resource = resource
        self.decision = decision
        self.reason = reason
    }

    /// The same entry at a different position: use when the ledger assigns the sequence.
    public func withSequence(_ sequence: Int) throws(LedgerError) -> AuditEntry {
        try AuditEntry(
            sequence: sequence, timestamp: timestamp, actor: actor, partner: partner, purpose: purpose,
            action: action, subject: subject, resource: resource, decision: decision, reason: reason
        )
    }

    /// The versioned, deterministic encoding that is hashed into the ledger.
    public var canonicalBytes: [UInt8] {
        var writer = CanonicalWriter(capacity: 49 + actor.utf8.count + partner.utf8.count + purpose.utf8.count
            + subject.utf8.count + resource.utf8.count + reason.utf8.count + 40)
        writer.append(Self.formatVersion)
        writer.append(UInt64(truncatingIfNeeded: sequence))
        writer.append(UInt64(bitPattern: timestamp))
        writer.append(field: actor)
        writer.append(field: partner)
        writer.append(field: purpose)
        writer.append(field: action.rawValue)
        writer.append(field: subject)
        writer.append(field: resource)
        writer.append(field: decision.rawValue)
        writer.append(field: reason)
        return writer.bytes
    }

    /// The RFC 9162 leaf hash of ``canonicalBytes``: what the storage layer keeps per entry.
    public var leafHash: MerkleHash {
        canonicalBytes.withUnsafeBytes { MerkleTree.leafHash(unsafeRawBytes: $0) }
    }

    /// Decodes ``canonicalBytes`` back into an entry.
    ///
    /// - Throws: ``LedgerError/Code-swift.enum/malformedEntryBytes`` when the bytes are of an
    ///   unknown version, truncated, have trailing bytes or name an unknown action or decision.
    public init(canonicalBytes bytes: [UInt8]) throws(LedgerError) {
        var reader = CanonicalReader(bytes)
        let version = try reader.readUInt8("format version")
        guard version == Self.formatVersion else {
            throw LedgerError(
                .malformedEntryBytes,
                "Entry format version \(version) is not supported (expected \(Self.formatVersion)); upgrade Lantern to read it."
            )
        }
        let sequence = try reader.readUInt64("sequence")
        let timestamp = try reader.readUInt64("timestamp")
        let actor = try reader.readField("actor")
        let partner = try reader.readField("partner")
        let purpose = try reader.readField("purpose")
        let actionText = try reader.readField("action")
        let subject = try reader.readField("subject")
        let resource = try reader.readField("resource")
        let decisionText = try reader.readField("decision")
        let reason = try reader.readField("reason")
        guard reader.isAtEnd else {
            throw LedgerError(.malformedEntryBytes, "Entry bytes continue past the last field at byte \(reader.offset); the stored bytes were damaged.")
        }
        guard let action = AuditAction(rawValue: actionText) else {
            throw LedgerError(.malformedEntryBytes, "Unknown action '\(actionText)'; upgrade Lantern to read it.")
        }
        guard let decision = AuditDecision(rawValue: decisionText) else {
            throw LedgerError(.malformedEntryBytes, "Unknown decision '\(decisionText)'; upgrade Lantern to read it.")
        }
        guard sequence <= UInt64(Int.max) else {
            throw LedgerError(.malformedEntryBytes, "Sequence \(sequence) is out of range; the stored bytes were damaged.")
        }
        try self.init(
            sequence: Int(sequence), timestamp: Int64(bitPattern: timestamp), actor: actor, partner: partner,
            purpose: purpose, action: action, subject: subject, resource: resource, decision: decision, reason: reason
        )
    }
}

extension AuditEntry: Codable {
    private enum CodingKeys: String, CodingKey {
        case sequence, timestamp, actor, partner, purpose, action, subject, resource, decision, reason
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            sequence: c.decode(Int.self, forKey: .sequence),
            timestamp: c.decode(Int64.self, forKey: .timestamp),
            actor: c.decode(String.self, forKey: .actor),
            partner: c.decode(String.self, forKey: .partner),
            purpose: c.decode(String.self, forKey: .purpose),
            action: c.decode(AuditAction.self, forKey: .action),
            subject: c.decode(String.self, forKey: .subject),
            resource: c.decode(String.self, forKey: .resource),
            decision: c.decode(AuditDecision.self, forKey: .decision),
            reason: c.decode(String.self, forKey: .reason)
        )
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(sequence, forKey: .sequence)
        try c.encode(timestamp, forKey: .timestamp)
        try c.encode(actor, forKey: .actor)
        try c.encode(partner, forKey: .partner)
        try c.encode(purpose, forKey: .purpose)
        try c.encode(action, forKey: .action)
        try c.encode(subject, forKey: .subject)
        try c.encode(resource, forKey: .resource)
        try c.encode(decision, forKey: .decision)
        try c.encode(reason, forKey: .reason)
    }
}
