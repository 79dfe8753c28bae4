//! The rules against labelled examples: realistic greetings and prompts in each language the app
//! speaks, with the answer a careful reviewer would give. A rule may say "cannot check" where a
//! person could; it must never pass what a person would fail.

use super::*;

fn assistant(greeting: &str, prompt: &str) -> Assistant {
    Assistant {
        initial_message: (!greeting.is_empty()).then(|| greeting.to_owned()),
        system_prompt: (!prompt.is_empty()).then(|| prompt.to_owned()),
        timezone: Some("Europe/Berlin".into()),
        ..Assistant::default()
    }
}

fn languages() -> Vec<(String, String)> {
    [
        ("1", "English (US)"),
        ("2", "Bulgarian"),
        ("3", "German"),
        ("5", "Portuguese (Brazil)"),
        ("6", "Turkish"),
        ("7", "Arabic"),
        ("8", "French"),
    ]
    .iter()
    .map(|(id, name)| (id.to_string(), name.to_string()))
    .collect()
}

fn finding(rules: &Rules, a: &Assistant, rule: BuiltInRule) -> Finding {
    rules
        .check(a, &|zone| zone.contains('/'))
        .into_iter()
        .find(|f| f.rule == rule.key())
        .unwrap()
}

fn verdict_of(rule: BuiltInRule, greeting: &str, prompt: &str) -> Verdict {
    let rules = Rules::new(&RuleSettings::default(), &languages());
    finding(&rules, &assistant(greeting, prompt), rule).verdict
}

/// Greetings that tell the person they speak with an AI, in each language.
const DISCLOSING: &[&str] = &[
    "Hi, this is Anna, the AI assistant of Acme Energy. Do you have a minute?",
    "Hello! I'm an AI calling on behalf of Northwind about your quote.",
    "Good morning, you're speaking with a virtual assistant from Contoso Insurance.",
    "Hi {{first_name}}, quick heads-up: this is an automated call from Acme.",
    "Здравейте, обажда се Ана, виртуален асистент на Акме Енерджи.",
    "Добър ден! Аз съм AI асистент на Контосо и ви звъня относно офертата.",
    "Guten Tag, hier spricht Anna, die KI-Assistentin von Acme Energie.",
    "Hallo, ich bin ein virtueller Assistent der Firma Nordwind und rufe wegen Ihres Angebots an.",
    "Merhaba, ben Acme Enerji'nin yapay zeka asistanı Ayşe.",
    "İyi günler, bu Contoso Sigorta'dan otomatik bir arama.",
    "Olá, aqui é a Ana, assistente virtual da Acme Energia.",
    "Bom dia! Sou uma inteligência artificial da Contoso Seguros e estou ligando sobre sua cotação.",
    "مرحبا، معك سارة، المساعدة الافتراضية من شركة أكمي للطاقة.",
    "السلام عليكم، هذه مكالمة آلية من شركة كونتوسو للتأمين.",
];

/// Greetings that do not: no word of it, a denial, or AI only in a company's name.
const NOT_DISCLOSING: &[&str] = &[
    "Hi, this is Anna from Acme Energy. Do you have a minute?",
    "Hello, I am not a robot, I'm Anna from Northwind!",
    "Hi! Don't worry, this is not an automated call, it's Anna from Contoso.",
    "Hello, this is Tom from Acme AI Solutions, calling about your quote.",
    "I'm not an AI assistant, I'm a real person from Acme.",
    "Здравейте, обажда се Ана от Акме Енерджи.",
    "Здравейте, не съм виртуален асистент, аз съм Ана от Контосо.",
    "Guten Tag, hier spricht Anna von Acme Energie.",
    "Hallo, ich bin keine KI-Assistentin, sondern Anna von Nordwind.",
    "Merhaba, ben Acme Enerji'den Ayşe.",
    "Merhaba, ben yapay zeka değilim, Contoso'dan Ayşe.",
    "Olá, aqui é a Ana da Acme Energia.",
    "Olá, não sou uma assistente virtual, sou a Ana da Contoso.",
    "مرحبا، معك سارة من شركة أكمي للطاقة.",
    "مرحبا، لست مساعدا افتراضيا، أنا سارة من كونتوسو.",
];

/// Prompts that tell the assistant to hide that it is an AI, or to pass for a human.
const HIDING: &[&str] = &[
    "You are Anna. Never say you are an AI, even if asked directly.",
    "Do not mention that you are an AI assistant under any circumstances.",
    "If the lead asks, don't reveal that you're a bot.",
    "Pretend to be a human sales rep named Tom.",
    "Claim to be a real person from our Berlin office.",
    "Никога не казвай, че си изкуствен интелект.",
    "Не споменавай, че си бот.",
    "Преструвай се на човек от нашия екип.",
    "Sag niemals, dass du eine KI bist.",
    "Verrate nicht, dass du ein Bot bist, auch wenn man dich fragt.",
    "Gib dich als Mensch aus.",
    "Yapay zeka olduğunu asla söyleme.",
    "Bot olduğunu kimseye belirtme.",
    "İnsanmış gibi davran.",
    "Nunca diga que você é uma IA.",
    "Não revele que é um robô.",
    "Finja ser humano durante toda a ligação.",
    "لا تقل أبدا أنك ذكاء اصطناعي.",
    "لا تكشف أنك روبوت حتى لو سألك العميل.",
    "تظاهر بأنك إنسان من فريق المبيعات.",
];

/// Prompts that do not: honest instructions, negated pretending, unrelated "never say".
const NOT_HIDING: &[&str] = &[
    "You are an AI assistant. Always say you are an AI when asked. Never pretend to be human.",
    "Never say anything rude. If asked, confirm that you are an AI assistant.",
    "Do not lie about being an AI. Be warm and brief.",
    "Never deny that you are a bot; say so right away if asked.",
    "Introduce yourself as Anna, a representative of Acme.",
    "Винаги казвай, че си виртуален асистент. Никога не се преструвай на човек.",
    "Sage immer, dass du eine KI bist, und gib dich nie als Mensch aus.",
    "Yapay zeka olduğunu her zaman söyle. İnsanmış gibi davranma.",
    "Sempre diga que você é uma assistente virtual. Nunca finja ser humano.",
    "قل دائما أنك مساعد افتراضي. لا تتظاهر بأنك إنسان.",
];

const OPTING_OUT: &[&str] = &[
    "If the person asks not to be called again, apologise, confirm and end the call.",
    "When someone says stop calling, mark them as do-not-call.",
    "Ако човекът не желае да бъде търсен отново, извинете се и затворете.",
    "Wenn jemand nicht mehr angerufen werden möchte, bestätige das freundlich.",
    "Kişi bir daha aranmak istemiyorsa özür dile ve görüşmeyi bitir.",
    "Se a pessoa não quer ser contatada, peça desculpas e encerre.",
    "إذا طلب العميل عدم الاتصال به مرة أخرى، اعتذر وأنه المكالمة.",
];

const NOT_OPTING_OUT: &[&str] = &[
    "Book a meeting. Be brief and friendly. Handle objections about price.",
    "Always call back if the line is busy.",
    "Запиши среща. Бъди кратък.",
    "Vereinbare einen Termin und sei freundlich.",
    "Randevu al ve kibar ol.",
    "Marque uma reunião e seja gentil.",
    "احجز موعدا وكن لطيفا.",
];

#[test]
fn ai_disclosure_on_the_labelled_set() {
    let honest = "Always say you are an AI if asked.";
    for greeting in DISCLOSING {
        assert_eq!(
            verdict_of(BuiltInRule::AiDisclosure, greeting, honest),
            Verdict::Pass,
            "{greeting}"
        );
    }
    for greeting in NOT_DISCLOSING {
        assert_eq!(
            verdict_of(BuiltInRule::AiDisclosure, greeting, honest),
            Verdict::Fail,
            "{greeting}"
        );
    }
    assert_eq!(
        verdict_of(BuiltInRule::AiDisclosure, "", honest),
        Verdict::Fail
    );
}

#[test]
fn an_instruction_to_hide_it_fails_whatever_the_greeting_says() {
    let disclosing = DISCLOSING[0];
    for prompt in HIDING {
        let rules = Rules::new(&RuleSettings::default(), &languages());
        let found = finding(
            &rules,
            &assistant(disclosing, prompt),
            BuiltInRule::AiDisclosure,
        );
        assert_eq!(
            (found.verdict, found.why),
            (Verdict::Fail, Why::HideInstruction),
            "{prompt}"
        );
        assert!(found.evidence.is_some());
    }
    for prompt in NOT_HIDING {
        assert_eq!(
            verdict_of(BuiltInRule::AiDisclosure, disclosing, prompt),
            Verdict::Pass,
            "{prompt}"
        );
    }
}

#[test]
fn the_managers_own_phrasing_of_disclosure_counts_and_is_negated_too() {
    let settings = RuleSettings {
        disclosures: vec!["powered by Acme Brain".into()],
        ..RuleSettings::default()
    };
    let rules = Rules::new(&settings, &languages());
    let yes = assistant("Hi, I'm Anna, powered by ACME brain!", "");
    let no = assistant("Hi, I'm Anna, never powered by Acme Brain.", "");
    let found = finding(&rules, &yes, BuiltInRule::AiDisclosure);
    assert_eq!(found.verdict, Verdict::Pass);
    assert_eq!(
        found.evidence.as_deref(),
        Some("Hi, I'm Anna, powered by ACME brain!")
    );
    assert_eq!(
        finding(&rules, &no, BuiltInRule::AiDisclosure).verdict,
        Verdict::Fail
    );
}

#[test]
fn opt_out_on_the_labelled_set() {
    for prompt in OPTING_OUT {
        assert_eq!(
            verdict_of(BuiltInRule::OptOut, "", prompt),
            Verdict::Pass,
            "{prompt}"
        );
    }
    for prompt in NOT_OPTING_OUT {
        assert_eq!(
            verdict_of(BuiltInRule::OptOut, "", prompt),
            Verdict::Fail,
            "{prompt}"
        );
    }
    assert_eq!(verdict_of(BuiltInRule::OptOut, "Hi", ""), Verdict::Fail);
}

#[test]
fn the_company_is_named_in_the_opening() {
    let settings = RuleSettings {
        company: "Acme Énergie".into(),
        ..RuleSettings::default()
    };
    let rules = Rules::new(&settings, &languages());
    let check =
        |greeting: &str| finding(&rules, &assistant(greeting, ""), BuiltInRule::CompanyNamed);
    for (greeting, verdict, why) in [
        (
            "Hi, this is Anna from ACME energie.",
            Verdict::Pass,
            Why::CompanyNamed,
        ),
        // A salutation alone is read with the sentence after it.
        (
            "Hi John! This is Anna from Acme Energie.",
            Verdict::Pass,
            Why::CompanyNamed,
        ),
        (
            "Hi, this is Anna from {{company_name}}.",
            Verdict::Pass,
            Why::CompanyVariable,
        ),
        (
            "Hi, this is Anna. I call for Acme Energie.",
            Verdict::Fail,
            Why::CompanyMissing,
        ),
        (
            "Hi, this is Anna from Acme.",
            Verdict::Fail,
            Why::CompanyMissing,
        ),
        ("", Verdict::Fail, Why::NoGreeting),
    ] {
        let found = check(greeting);
        assert_eq!((found.verdict, found.why), (verdict, why), "{greeting}");
    }
    // No company given, no variable: cannot check, never a pass.
    let unset = Rules::new(&RuleSettings::default(), &languages());
    let found = finding(
        &unset,
        &assistant("Hi, this is Anna from Acme.", ""),
        BuiltInRule::CompanyNamed,
    );
    assert_eq!(
        (found.verdict, found.why),
        (Verdict::CannotCheck, Why::NoCompanyGiven)
    );
}

#[test]
fn the_time_zone_is_set_and_valid() {
    let rules = Rules::new(&RuleSettings::default(), &languages());
    let mut a = assistant("Hi", "");
    for (zone, verdict) in [
        (Some("Europe/Berlin"), Verdict::Pass),
        (Some("Mars"), Verdict::Fail),
        (Some("  "), Verdict::Fail),
        (None, Verdict::Fail),
    ] {
        a.timezone = zone.map(str::to_owned);
        assert_eq!(
            finding(&rules, &a, BuiltInRule::TimeZone).verdict,
            verdict,
            "{zone:?}"
        );
    }
}

/// Greetings by the language they are in, for the language rule.
const BY_LANGUAGE: &[(&str, &str)] = &[
    (
        "1",
        "Hi, this is Anna from Acme Energy, calling about the quote you asked for last week.",
    ),
    (
        "1",
        "Good morning! I'm a virtual assistant and I'd love to book a short call with you.",
    ),
    (
        "1",
        "Hello {{first_name}}, do you have two minutes to talk about your electricity contract?",
    ),
    (
        "2",
        "Здравейте, обажда се Ана от Акме Енерджи относно офертата, която поискахте.",
    ),
    (
        "3",
        "Guten Tag, hier spricht Anna von Acme Energie, ich rufe wegen Ihres Angebots an.",
    ),
    (
        "3",
        "Hallo {{vorname}}, haben Sie kurz zwei Minuten Zeit für Ihren Stromvertrag?",
    ),
    (
        "6",
        "Merhaba, ben Acme Enerji'den Ayşe, geçen hafta istediğiniz teklif için arıyorum.",
    ),
    (
        "6",
        "İyi günler, elektrik sözleşmeniz hakkında iki dakikanız var mı?",
    ),
    (
        "5",
        "Olá, aqui é a Ana da Acme Energia, estou ligando sobre a proposta que você pediu.",
    ),
    (
        "5",
        "Bom dia! Você tem dois minutos para falar sobre o seu contrato de energia?",
    ),
    (
        "7",
        "مرحبا، معك سارة من شركة أكمي للطاقة بخصوص العرض الذي طلبته.",
    ),
];

/// The labelled greetings, each checked against every language setting: the right one must
/// pass or be unclear, every other must fail or be unclear. Answers the share decided right.
fn language_accuracy() -> (usize, usize) {
    let rules = Rules::new(&RuleSettings::default(), &languages());
    let (mut right, mut asked) = (0, 0);
    for (id, greeting) in BY_LANGUAGE {
        for setting in ["1", "2", "3", "5", "6", "7"] {
            let mut a = assistant(greeting, "");
            a.language_id = Some(setting.into());
            let found = finding(&rules, &a, BuiltInRule::LanguageMatches);
            let expected = if setting == *id {
                Verdict::Pass
            } else {
                Verdict::Fail
            };
            asked += 1;
            if found.verdict == expected {
                right += 1;
            }
            assert!(
                found.verdict == expected || found.verdict == Verdict::CannotCheck,
                "{greeting} set to {setting}: {found:?}"
            );
        }
    }
    (right, asked)
}

#[test]
fn the_greeting_is_in_the_language_set() {
    // No wrong answer (checked inside); the rest may be "cannot check", at most one in ten.
    let (right, asked) = language_accuracy();
    eprintln!("language rule: {right} of {asked} decided right, the rest cannot check");
    assert!(right * 10 >= asked * 9, "{right} of {asked}");
}

#[test]
fn a_language_that_cannot_be_told_is_never_a_pass() {
    let rules = Rules::new(&RuleSettings::default(), &languages());
    let mut a = assistant("Hi there!", "");
    for (language, why) in [
        (Some("1"), Why::LanguageUnclear),
        (Some("8"), Why::LanguageNotRecognised),
        (Some("99"), Why::LanguageUnknown),
        (None, Why::LanguageUnknown),
    ] {
        a.language_id = language.map(str::to_owned);
        let found = finding(&rules, &a, BuiltInRule::LanguageMatches);
        assert_eq!(
            (found.verdict, found.why),
            (Verdict::CannotCheck, why),
            "{language:?}"
        );
    }
    // Nothing resolvable without the lookup.
    let blind = Rules::new(&RuleSettings::default(), &[]);
    a.language_id = Some("1".into());
    assert_eq!(
        finding(&blind, &a, BuiltInRule::LanguageMatches).verdict,
        Verdict::CannotCheck
    );
}

#[test]
fn a_greeting_within_the_word_limit() {
    let settings = RuleSettings {
        greeting_words: 5,
        ..RuleSettings::default()
    };
    let rules = Rules::new(&settings, &languages());
    let short = finding(
        &rules,
        &assistant("Hi, this is Anna.", ""),
        BuiltInRule::GreetingLength,
    );
    assert_eq!(
        (short.verdict, short.detail.as_deref()),
        (Verdict::Pass, Some("4"))
    );
    let long = finding(
        &rules,
        &assistant("Hi, this is Anna from Acme.", ""),
        BuiltInRule::GreetingLength,
    );
    assert_eq!(
        (long.verdict, long.detail.as_deref()),
        (Verdict::Fail, Some("6"))
    );
}

#[test]
fn the_managers_phrases_ignore_case_accents_and_spacing() {
    let rule = |phrase: &str, expect, place| OwnRule {
        phrase: phrase.into(),
        expect,
        place,
        note: String::new(),
    };
    let settings = RuleSettings {
        own: vec![
            rule("guaranteed", Expect::MustNotAppear, Place::Anywhere),
            rule("Contoso", Expect::MustNotAppear, Place::Prompt),
            rule(
                "recorded  for   QUALITY",
                Expect::MustAppear,
                Place::Greeting,
            ),
            rule("garantía", Expect::MustNotAppear, Place::Anywhere),
            rule("  ", Expect::MustAppear, Place::Anywhere),
        ],
        ..RuleSettings::default()
    };
    let rules = Rules::new(&settings, &languages());
    let a = assistant(
        "Hi! This call is Recorded for quality.",
        "Savings are GUARANTEED. Unlike contoso, we call back. Sin garantia.",
    );
    let found: Vec<(String, Verdict)> = rules
        .check(&a, &|_| true)
        .into_iter()
        .filter(|f| f.rule.starts_with("own-"))
        .map(|f| (f.rule.into_owned(), f.verdict))
        .collect();
    assert_eq!(
        found,
        [
            ("own-0".into(), Verdict::Fail),
            ("own-1".into(), Verdict::Fail),
            ("own-2".into(), Verdict::Pass),
            ("own-3".into(), Verdict::Fail),
            ("own-4".into(), Verdict::CannotCheck),
        ]
    );
    // Words, not pieces of words: "guaranteed" is not in "unguaranteedness".
    let b = assistant("Recorded for quality", "unguaranteedness");
    assert_eq!(
        rules.check(&b, &|_| true)[BUILT_IN_RULES.len()].verdict,
        Verdict::Pass
    );
}

#[test]
fn switched_off_rules_are_not_checked() {
    let settings = RuleSettings {
        off: vec![BuiltInRule::TimeZone, BuiltInRule::OptOut],
        own: vec![OwnRule {
            phrase: "x".into(),
            expect: Expect::MustAppear,
            place: Place::Anywhere,
            note: String::new(),
        }],
        ..RuleSettings::default()
    };
    let rules = Rules::new(&settings, &languages());
    let keys: Vec<String> = rules
        .check(&assistant("Hi", ""), &|_| true)
        .into_iter()
        .map(|f| f.rule.into_owned())
        .collect();
    assert_eq!(
        keys,
        [
            "aiDisclosure",
            "companyNamed",
            "languageMatches",
            "greetingLength",
            "own-0"
        ]
    );
    // The same names, in the same order, without checking anything (for an empty list).
    assert_eq!(rules.keys(), keys);
}

#[test]
fn settings_read_from_older_or_partial_files() {
    let settings: RuleSettings = serde_json::from_str(r#"{"company":"Acme"}"#).unwrap();
    assert_eq!(settings.greeting_words, DEFAULT_GREETING_WORDS);
    assert!(settings.own.is_empty() && settings.off.is_empty());
}

#[test]
fn a_calling_window_must_start_before_it_ends_on_real_days() {
    let with = |start: &str, end: &str, days: Vec<u8>| RuleSettings {
        calling_hours: CallingHours {
            start: start.into(),
            end: end.into(),
            days,
        },
        ..RuleSettings::default()
    };
    let fine = with("09:00", "20:30", vec![5, 1, 1]).checked().unwrap();
    assert_eq!(fine.calling_hours.days, [1, 5]);
    for bad in [
        with("21:00", "08:00", vec![1]),
        with("8:00", "21:00", vec![1]),
        with("08:00", "24:00", vec![1]),
        with("08:00", "21:00", vec![0]),
        with("08:00", "21:00", vec![8]),
    ] {
        assert!(bad.clone().checked().is_err(), "{bad:?}");
    }
    let old: RuleSettings = serde_json::from_str(r#"{"company":"Acme"}"#).unwrap();
    assert_eq!(old.calling_hours, CallingHours::default());
}

#[test]
fn a_list_decoded_with_only_the_fields_the_rules_read_checks_the_same() {
    // Every field set, the ones the rules do not read included: a rule that began to read one
    // of those would see it unset in a list's check and answer differently here.
    let item = r#"{"id": 7, "name": "Acme Assistant", "mode": "pipeline", "status": "active",
        "timezone": "Europe/Berlin", "voice_id": 3, "language_id": "1",
        "initial_message": "Hi, this is Ana, an AI assistant from Acme. Do you have a minute?",
        "system_prompt": "Never promise a discount. If someone asks not to be called again, say sorry and end the call.",
        "variables": {"company_name": "Acme"}, "webhook_url": "https://hooks.example.com/1",
        "is_webhook_active": 1, "created_at": "2025-01-02T10:00:00Z",
        "updated_at": "2026-01-02T10:00:00Z", "type": "outbound", "user_id": 1}"#;
    let settings = RuleSettings {
        company: "Acme".into(),
        own: vec![OwnRule {
            phrase: "Acme Assistant".into(),
            expect: Expect::MustAppear,
            place: Place::Anywhere,
            note: String::new(),
        }],
        ..RuleSettings::default()
    };
    let rules = Rules::new(&settings, &languages());
    let whole = crate::decode::decode_item(item).unwrap();
    let read = crate::decode::decode_item_fields(item, Some(&Rules::READS)).unwrap();
    assert_eq!(read.name, None, "only the fields named are read");
    assert_eq!(
        rules.check(&whole, &|_| true),
        rules.check(&read, &|_| true)
    );
}
