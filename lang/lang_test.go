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
