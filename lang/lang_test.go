package lang

import "testing"

// The sentences are written for this test: one report in each language
// the project follows.
func TestDetect(t *testing.T) {
	cases := []struct{ text, want string }{
		{"Azerbaijan condemned the strikes and called on Israel and Iran to show restraint, the foreign ministry in Baku said on Friday.", "en"},
		{"Азербайджан осудил удары и призвал Израиль и Иран проявить сдержанность, заявили в министерстве иностранных дел в Баку.", "ru"},
		{"جمهوری آذربایجان حملات را محکوم کرد و از اسرائیل و ایران خواست خویشتنداری کنند، وزارت امور خارجه در باکو اعلام کرد.", "fa"},
		{"Azerbaycan saldırıları kınadı ve İsrail ile İran'a itidal çağrısında bulundu, Bakü'deki dışişleri bakanlığı açıklama yaptı.", "tr"},
		{"أدانت أذربيجان الضربات ودعت إسرائيل وإيران إلى ضبط النفس، وفق ما أعلنته وزارة الخارجية في باكو يوم الجمعة.", "ar"},
		{"אזרבייג'ן גינתה את התקיפות וקראה לישראל ולאיראן לגלות איפוק, כך מסר משרד החוץ בבאקו ביום שישי האחרון.", "he"},
	}
	for _, c := range cases {
		d := Detect(c.text)
		if d.Code != c.want || !d.Sure {
			t.Errorf("%.30q: got %q (sure %v, %.2f), want %q", c.text, d.Code, d.Sure, d.Confidence, c.want)
		}
	}
}

func TestDetectShortAndUnknown(t *testing.T) {
	if d := Detect("Baku, Monday."); d.Code != "" || d.Sure {
		t.Errorf("a short text was judged: %+v", d)
	}
	// Armenian script is outside the profiles.
	if d := Detect("Ադրբեջանը դատապարտեց հարվածները և կոչ արեց Իսրայելին ու Իրանին զսպվածություն ցուցաբերել, հայտնել են Բաքվից։"); d.Code != Undetermined || !d.Sure {
		t.Errorf("Armenian: %+v, want %q", d, Undetermined)
	}
}

// The fast path claims English prose and nothing else written in Latin
// letters.
func TestClearlyEnglish(t *testing.T) {
	for text, want := range map[string]bool{
		"Azerbaijan and Iran opened a new railway link across the Aras river on Monday, officials in Baku said.":                  true,
		"Azerbaycan ve İran pazartesi günü Aras nehri üzerinde yeni bir demiryolu bağlantısı açtı, Bakü'deki yetkililer söyledi.": false,
		"Azərbaycan və İran bazar ertəsi Araz çayı üzərində yeni dəmir yolu xəttini açıb, Bakıdakı rəsmilər bildirib.":            false,
		"L'Azerbaïdjan et l'Iran ont ouvert lundi une nouvelle liaison ferroviaire sur l'Araxe, selon des responsables à Bakou.":  false,
		"BAKU TEHRAN RAILWAY ARAS RIVER LINK OPENED MONDAY OFFICIALS BAKU":                                                        false,
	} {
		if got := clearlyEnglish(text); got != want {
			t.Errorf("clearlyEnglish(%.40q) = %v, want %v", text, got, want)
		}
	}
}
