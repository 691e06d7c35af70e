import EncodedLinkage
import Linkage

extension ValueStandardiser {
    /// The standardiser every Lantern encoder uses: the schema's rules plus the clear-text
    /// linker's nickname and street-abbreviation tables, so that both sides write names
    /// and addresses in one form (docs/pprl.md lists the rules).
    static func lantern(_ schema: LinkageSchema) -> ValueStandardiser {
        ValueStandardiser(schema: schema, formalNames: NicknameTable.formalNames, addressWords: AddressStandardiser.expansions)
    }
}
