/// Groups of given names that people use for one another (Robert, Bob, Rob, Bobby), and
/// transliterations of one name (Muhammad, Mohammed, Mohamed).
///
/// Use it to decide whether two different given names may belong to one person. Contract:
/// every group has an index from 1 upwards (0 means "in no group"); a name may sit in up to
/// two groups (SAM is in Samuel and in Samantha). Names are folded upper-case ASCII.
/// Written for Lantern from common usage; extend the table rather than special-casing.
public enum NicknameTable {
    /// The first name of each line is the group's formal name.
    static let groups: [String] = [
        "ROBERT BOB BOBBY ROB ROBBIE BERT ROBIN",
        "MARGARET PEGGY MAGGIE MEG MEGAN MAISIE MARGE MADGE GRETA RITA",
        "WILLIAM BILL BILLY WILL WILLIE WILLY LIAM WILF",
        "ELIZABETH LIZ LIZZIE LIZZY BETH BETTY BETSY ELIZA ELSIE LIBBY ELISE BESS BESSIE",
        "JOHN JACK JOHNNY JONNY JON",
        "JONATHAN JON JONNY NATHAN",
        "JAMES JIM JIMMY JAMIE JIMBO",
        "RICHARD RICH RICHIE RICK RICKY DICK DICKIE",
        "THOMAS TOM TOMMY",
        "CHARLES CHARLIE CHAS CHUCK CHAZ",
        "CHARLOTTE CHARLIE LOTTIE LOTTY CHARLEY",
        "EDWARD ED EDDIE EDDY TED TEDDY NED",
        "EDMUND ED EDDIE NED",
        "ANTHONY TONY ANT",
        "ANDREW ANDY DREW",
        "ALEXANDER ALEX ALEC ALFIE SANDY XANDER",
        "ALEXANDRA ALEX LEXI LEXIE SANDRA SANDY ALEXA",
        "CHRISTOPHER CHRIS KIT TOPHER",
        "CHRISTINE CHRIS CHRISSIE TINA KIRSTY CHRISTINA KRISTINA",
        "DANIEL DAN DANNY",
        "DAVID DAVE DAVY DAI DAVEY",
        "MICHAEL MIKE MICK MICKY MIKEY MICKEY",
        "MATTHEW MATT MATTY",
        "NICHOLAS NICK NICKY NICO",
        "NICOLA NICKY NIKKI NICOLE",
        "PATRICK PAT PADDY",
        "PATRICIA PAT PATSY TRISH TRICIA PATTY",
        "PETER PETE",
        "PHILIP PHIL PHILLIP PIP",
        "SAMUEL SAM SAMMY",
        "SAMANTHA SAM SAMMY SAMMIE",
        "STEPHEN STEVE STEVIE STEVEN",
        "TIMOTHY TIM TIMMY",
        "JOSEPH JOE JOEY JOS",
        "JOSEPHINE JO JOSIE JOSIE JOJO",
        "JOANNA JO JOANNE JOANN JOAN",
        "BENJAMIN BEN BENNY BENJI",
        "KATHERINE KATE KATIE KATHY KAT KAY KATHRYN CATHERINE CATH CATHY KATH KITTY KATY",
        "REBECCA BECKY BECCA BEX",
        "JENNIFER JEN JENNY JENNA",
        "DEBORAH DEBBIE DEB DEBRA",
        "SUSAN SUE SUZY SUSIE SUZANNE",
        "VICTORIA VICKY VICKI TORI VIC",
        "ABIGAIL ABBIE ABBY ABI GAIL",
        "ALICE ALLIE ALI",
        "ALISON ALLY ALI ALLISON",
        "AMANDA MANDY",
        "ANNE ANNIE ANN ANNA HANNAH NAN NANCY",
        "BARBARA BARB BABS",
        "CAROLINE CAROL CARRIE CAROLYN LINA",
        "DOROTHY DOT DOTTIE DOLLY DOT DORA",
        "ELEANOR ELLIE ELLA NELL NELLIE NORA ELLEN HELEN",
        "EMILY EMMY MILLIE EM",
        "EMMA EMMY EM",
        "FRANCES FRAN FRANNIE FANNY",
        "FRANCIS FRANK FRANKIE FRAN",
        "FREDERICK FRED FREDDIE FREDDY",
        "GEOFFREY GEOFF JEFF JEFFREY",
        "GERALD GERRY JERRY GED",
        "GREGORY GREG",
        "HARRY HENRY HAL HANK HARRISON",
        "ISABEL ISABELLA IZZY BELLA ISOBEL IZZIE",
        "JACQUELINE JACKIE JACQUI",
        "JESSICA JESS JESSIE",
        "JULIA JULES JULIE JULIET",
        "KENNETH KEN KENNY",
        "LAWRENCE LAURENCE LARRY LAURIE",
        "LEONARD LEN LENNY LEO",
        "LOUISE LOU LOUISA LULU",
        "LOUIS LOU LOUIE LEWIS",
        "MARY MOLLY POLLY MAE MAMIE MARIE MARIA",
        "MATILDA TILLY MATTIE TILDA",
        "MILDRED MILLY",
        "NATHANIEL NATE NAT NATHAN",
        "NATALIE NAT TALIA NATALIA",
        "OLIVER OLLIE OLLY",
        "OLIVIA LIV LIVVY OLLIE LIVIA",
        "PAMELA PAM PAMMY",
        "RAYMOND RAY",
        "RONALD RON RONNIE",
        "DONALD DON DONNIE",
        "ROSEMARY ROSE ROSIE ROSA",
        "SARAH SARA SALLY SAL SADIE",
        "SOPHIA SOPHIE SOPH",
        "STANLEY STAN",
        "TERENCE TERRY TEL",
        "THERESA TERESA TERRY TESS TESSA TREES",
        "VALERIE VAL",
        "VINCENT VINCE VINNY",
        "WALTER WALLY WALT",
        "ZACHARY ZACH ZAK ZACK",
        "ALBERT BERT BERTIE AL ALBIE",
        "ALFRED ALF ALFIE FRED",
        "ARTHUR ART ARTIE",
        "BERNARD BERNIE BARNEY",
        "DOUGLAS DOUG DOUGIE",
        "EUGENE GENE",
        "GABRIEL GABE GABBY",
        "GABRIELLE GABBY GABI",
        "HAROLD HARRY HAL",
        "JOSHUA JOSH",
        "MARTIN MARTY",
        "NEVILLE NEV",
        "ROGER RODGE",
        "RUSSELL RUSS",
        "SEBASTIAN SEB SEBBY",
        "SIMON SI",
        "THEODORE THEO TED TEDDY",
        "BRIDGET BIDDY BRIDIE BRIDGETTE",
        "CHERYL CHEZ",
        "CHRISTIAN CHRIS",
        "CONSTANCE CONNIE",
        "CYNTHIA CINDY",
        "DIANA DI DIANE",
        "GWENDOLINE GWEN WENDY",
        "HELENA LENA HELEN",
        "JANET JAN JANETTE",
        "JANE JANIE JEAN JENNY",
        "KIMBERLEY KIM KIMBERLY",
        "LUCY LUCIE LU",
        "MADELEINE MADDIE MADDY MADELINE",
        "MICHELLE SHELLY MICHELE",
        "MIRIAM MIM MIMI",
        "PENELOPE PENNY",
        "PRISCILLA CILLA",
        "SAMSON SAM",
        "STEPHANIE STEPH STEFFI",
        "SUZANNE SUZIE SUE",
        "TABITHA TABBY",
        "WINIFRED WINNIE FREDA",
        "YVONNE VONNIE",
        "JACOB JAKE JAKOB",
        "AMELIA AMY MILLIE MILLY MELIA",
        "AGNIESZKA AGA AGNES",
        "TOMASZ TOMEK TOMAS",
        "CHIDINMA CHIDI",
        "GILLIAN GILL JILL GILLY",
        // Transliterations: one name written in Latin letters several ways.
        "MUHAMMAD MOHAMMED MOHAMMAD MOHAMED MUHAMMED MOHAMAD MUHAMED MOHAMMUD MOHD",
        "AHMED AHMAD AHMET",
        "AISHA AYESHA AISHAH AYSHA AYESHAH",
        "FATIMA FATIMAH FATEMA FATMA",
        "YUSUF YOUSUF YOUSEF YUSEF YOUSSEF",
        "IBRAHIM EBRAHIM IBRAHEEM",
        "HUSSAIN HUSSEIN HUSAIN HOSSEIN",
        "ALEKSANDER ALEKSANDR OLEKSANDR ALEXANDR",
        "MIKHAIL MYKHAILO MIHAIL",
    ]

    /// Name -> up to two group indices (1-based).
    static let membership: [String: (UInt16, UInt16)] = {
        var table: [String: (UInt16, UInt16)] = [:]
        for (offset, line) in groups.enumerated() {
            let group = UInt16(offset + 1)
            for name in line.split(separator: " ").map(String.init) {
                let existing = table[name] ?? (0, 0)
                if existing.0 == group || existing.1 == group { continue }
                if existing.0 == 0 {
                    table[name] = (group, 0)
                } else if existing.1 == 0 {
                    table[name] = (existing.0, group)
                }
            }
        }
        return table
    }()

    /// The groups a folded name belongs to, packed as `first | second << 16` (0 when none).
    public static func groupCode(ofFoldedName name: String) -> UInt32 {
        guard let pair = membership[name] else { return 0 }
        return UInt32(pair.0) | UInt32(pair.1) << 16
    }

    /// Table names by first letter, for the near-spelling lookup.
    static let namesByInitial: [UInt8: [[UInt8]]] = {
        var out: [UInt8: [[UInt8]]] = [:]
        for name in membership.keys.sorted() { out[name.utf8.first ?? 0, default: []].append(Array(name.utf8)) }
        return out
    }()

    /// The groups of a folded name, or, for a name of three letters or more that is in no
    /// group, the groups of table names one typing slip away ("EIZABETH" -> Elizabeth's,
    /// "NIKC" -> Nicholas's). Used only by the cannot-link rule, so that a slip in a
    /// nickname or its long form is not read as a different person.
    public static func groupCode(ofNearFoldedName name: String) -> UInt32 {
        let exact = groupCode(ofFoldedName: name)
        let bytes = Array(name.utf8)
        guard exact == 0, bytes.count >= 3, let first = bytes.first, let candidates = namesByInitial[first] else { return exact }
        // Up to two groups, from every table name one slip away (STEPHN is near STEPH and STEPHEN).
        var found: [UInt32] = []
        bytes.withUnsafeBufferPointer { a in
            for candidate in candidates where abs(candidate.count - bytes.count) <= 1 && found.count < 2 {
                guard candidate.withUnsafeBufferPointer({ b in JaroWinkler.isOneEditApart(a, b) }) else { continue }
                // A short table name only through swapped neighbours (TOYN, TONY) or a dropped
                // letter (NCK, NICK): a changed letter in a short name makes another real
                // name (TOBY, TONY), a dropped one rarely does.
                if candidate.count < 5, candidate.count != bytes.count + 1, !Self.isTransposition(bytes, candidate) { continue }
                let code = groupCode(ofFoldedName: String(decoding: candidate, as: UTF8.self))
                for group in [code & 0xFFFF, code >> 16] where group != 0 && !found.contains(group) && found.count < 2 {
                    found.append(group)
                }
            }
        }
        return found.isEmpty ? 0 : found[0] | (found.count > 1 ? found[1] << 16 : 0)
    }

    /// Same letters with one pair of neighbours swapped.
    static func isTransposition(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var i = 0
        while i < a.count, a[i] == b[i] { i += 1 }
        guard i + 1 < a.count, a[i] == b[i + 1], a[i + 1] == b[i] else { return false }
        return a[(i + 2)...] == b[(i + 2)...]
    }

    /// Whether two packed group codes share a group.
    @inline(__always)
    static func shareGroup(_ a: UInt32, _ b: UInt32) -> Bool {
        if a == 0 || b == 0 { return false }
        let a0 = a & 0xFFFF, a1 = a >> 16, b0 = b & 0xFFFF, b1 = b >> 16
        return a0 == b0 || (a0 == b1) || (a1 != 0 && (a1 == b0 || a1 == b1))
    }

    /// Whether two given names are known to be forms of one another.
    public static func areVariants(_ first: String, _ second: String) -> Bool {
        let a = String(decoding: TextFolding.folded(first), as: UTF8.self)
        let b = String(decoding: TextFolding.folded(second), as: UTF8.self)
        return a == b || shareGroup(groupCode(ofFoldedName: a), groupCode(ofFoldedName: b))
    }
}

extension NicknameTable {
    /// Each short form that belongs to one group only, lower case, mapped to the group's
    /// formal name: for encoders that must write one form of a name before hashing it.
    public static let formalNames: [String: String] = {
        var out: [String: String] = [:]
        for (name, pair) in membership where pair.1 == 0 {
            let formal = groups[Int(pair.0) - 1].split(separator: " ")[0]
            if name != formal { out[name.lowercased()] = formal.lowercased() }
        }
        return out
    }()
}
