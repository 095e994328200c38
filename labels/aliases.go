package labels

// The default schema's aliases in the region's other languages, written
// for this project. A trailing "*" makes an alias a stem that matches
// every inflected form (Russian cases, Turkish and Azerbaijani suffixes,
// Persian and Arabic suffixes; in Arabic and Hebrew script also behind
// the clitics و ب ل ال / ו ה ב ל מ ש). Aliases are folded like article
// text (lower case; Turkish dotless ı to i; Arabic and Persian letter
// variants to one form; the Persian zero-width non-joiner dropped), so
// one spelling covers the variants. Stems are kept long enough not to
// catch unrelated words: "israil*" but not "isra*".

// israelAliasesML: Israel, Israeli, Tel Aviv, Netanyahu, the IDF, Mossad,
// Knesset, Zionist and "the Zionist regime" / "the occupying entity" as
// Iranian and Arab outlets call the state.
var israelAliasesML = []string{
	// ru
	"израил*", "тель-авив*", "нетаньяху", "цахал*", "моссад*", "кнессет*", "сионист*", "еврейское государство",
	// tr, az
	"israil*", "tel aviv", "tel-aviv*", "netanyahu*", "mossad*", "knesset*", "siyonist*", "sionist*", "təl-əviv*",
	// fa
	"اسرائیل*", "صهیونیست*", "تلآویو*", "تل آویو", "نتانیاهو*", "موساد*", "کنست*", "اراضی اشغالی", "فلسطین اشغالی",
	// ar
	"إسرائيل*", "صهيون*", "صهاينة*", "تل أبيب", "نتنياهو*", "موساد*", "كنيست*", "كيان الاحتلال", "الكيان الصهيوني", "جيش الاحتلال",
	// he
	"ישראל*", "נתניהו*", "צה\"ל", "תל אביב", "הכנסת",
}

// iranAliasesML: Iran, Iranian, Tehran, the Leader, the president and
// foreign ministers, the IRGC, the Islamic Republic.
var iranAliasesML = []string{
	// ru
	"иран*", "тегеран*", "хаменеи", "пезешкиан*", "аракчи", "раиси", "ксир", "исламская республика", "исламской республики", "стражей исламской революции",
	// tr, az
	"iran*", "tahran*", "tehran*", "hamaney*", "xamenei*", "pezeşkiyan*", "pezeşkian*", "arakçi*", "əraqçi*", "reisi*", "rəisi*", "devrim muhafızları", "inqilab keşikçiləri",
	// fa
	"ایران*", "تهران*", "خامنهای*", "پزشکیان*", "عراقچی*", "رئیسی*", "سپاه*", "جمهوری اسلامی",
	// ar
	"إيران*", "طهران*", "خامنئي*", "بزشكيان*", "عراقجي*", "رئيسي*", "الحرس الثوري", "الجمهورية الإسلامية",
	// he
	"איראן*", "טהרן*", "חמינאי*", "משמרות המהפכה", "הרפובליקה האסלאמית",
}

// azerbaijanAliasesML: Azerbaijan, Azerbaijani, Baku, the president and
// the foreign minister.
var azerbaijanAliasesML = []string{
	// ru
	"азербайдж*", "баку", "алиев*", "байрамов*",
	// tr
	"azerbaycan*", "bakü*", "aliyev*", "bayramov*",
	// az ("Bakı" folds to "baki"; its case forms are listed, since a stem
	// "baki*" would catch English "baking")
	"azərbaycan*", "baki", "bakinin", "bakiya", "bakida", "bakidan", "əliyev*",
	// fa
	"آذربایجان*", "باکو", "علیاف*", "بایراموف*",
	// ar
	"أذربيجان*", "أذربايجان*", "باكو", "علييف*", "بيراموف*",
	// he
	"אזרבייג'ן*", "אזרביג'ן*", "באקו", "עלייב*", "אלייב*",
}
