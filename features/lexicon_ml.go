package features

// The cue lexicon in the region's other languages, written for this
// project: one line per language (ru Russian, tr Turkish, az Azerbaijani,
// fa Persian, ar Arabic, he Hebrew) in each category of cueWords. Entries
// are written in ordinary spelling; they are analysed with the same
// pipeline as article text (lower case, ScriptFold), so Persian ی and
// Arabic ي, or alef with and without hamza, need not be listed twice. A
// trailing "*" makes an entry a stem (see stems.go): it matches every
// inflected form, and in Arabic and Hebrew script every form behind
// leading clitics. Entries of one word only; multi-word cues are left to
// the n-gram features.
//
// Known gaps: Turkish and Azerbaijani negate inside the verb (kınamadı,
// "did not condemn"), which a word lexicon cannot see; their negators
// below are the free-standing ones (değil, yok, deyil). Persian verbal
// negation is covered only for the common نمی- prefix.
var cueWordsML = [numCues]string{
	CueHostile: `
		режим* агресси* агрессор* оккупац* оккупант* оккупир* геноцид* террор* резн* преступлени* преступн* жестокост* апартеид* провокац* дестабилиз* экспансион* нелегитимн* изгой* враждебн* варвар* тирани* репресси* сионист* сионизм* империали* гегемон* марионет* фашист* экстремист* бесчеловечн* зверств*
		rejim* saldirgan* işgal* soykirim* terör* katliam* vahşet* vahşi* zalim* zulüm* apartheid* provokasyon* siyonist* siyonizm* emperyalist* kukla* faşist* aşiri* barbar*
		rejim* təcavüz* işğal* soyqirim* terror* qətliam* cinayət* vəhşi* sionist* aparteid* təxribat* imperialist* kukla* faşist* ekstremist* barbar*
		رژیم* تجاوز* متجاوز* اشغال* اشغالگر* نسلکشی* تروریس* جنایت* جنایتکار* وحشی* آپارتاید* صهیونیست* صهیونیسم* استکبار* امپریالیس* مزدور* کودککش* غاصب* جعلی* سلطهگر*
		نظام* عدوان* معتدي* احتلال* محتل* إبادة* إرهاب* مجزرة* مجازر* جرائم* جريمة* مجرم* وحشي* همجي* صهيوني* صهاينة* كيان* غاصب* استكبار* إمبريالي* عميل* عملاء* فاشي* متطرف*
		משטר* תוקפנ* כיבוש* כובש* טרור* מחבל* טבח* פשע* פושע* אכזרי* אפרטהייד* פרובוקצי* אייתולל*`,
	CueCondemn: `
		осуди* осужда* осуждени* обвини* обвиня* обвинени* раскритик* критикова* возмущ* протестова*
		kina* lanetle* suçla* eleştir* tepki* protesto*
		pislə* qina* ittiham* tənqid* etiraz*
		محکوم* تقبیح* انتقاد* اعتراض* متهم* اتهام*
		ندد* تنديد* إدانة* أدان* يدين* تدين* شجب* استنكر* استنكار* انتقد* انتقاد* اتهم* اتهام* احتج*
		גינוי* מגנה* האשים* האשמ* מאשים* ביקורת* ביקר* מחאה*`,
	CueCooperation: `
		партнер* партнёр* союзни* союзн* сотруднич* дружб* дружеск* дружествен* братск* соглашени* договор* меморандум* совместн* взаимн* довери* поддерж* солидарн* стратегическ* двусторонн*
		ortak* müttefik* ittifak* işbirliği* dost* kardeş* anlaşma* mutabakat* karşilikli* güven* destek* dayanişma* stratejik* ikili*
		tərəfdaş* müttəfiq* ittifaq* əməkdaşli* dost* qardaş* saziş* müqavilə* memorandum* birgə* qarşiliqli* etimad* dəstək* həmrəyli* strateji* ikitərəfli*
		شریک* شراکت* همکاری* متحد* اتحاد* دوست* برادر* توافق* تفاهم* مشترک* متقابل* اعتماد* حمایت* همبستگی* راهبردی* استراتژیک* دوجانبه*
		شريك* شراكة* حليف* حلفاء* تحالف* تعاون* صداقة* صديق* أصدقاء* أخوي* اتفاق* مذكرة* مشترك* متبادل* ثقة* دعم* تضامن* استراتيجي* ثنائي*
		שותף* שותפות* ברית* ידיד* שיתוף* הסכם* מזכר* משותף* הדדי* אמון* תמיכה* תומך* סולידריות* אסטרטגי*`,
	CueNeutrality: `
		нейтрал* баланс* сбалансир* многовектор* неприсоедин* беспристраст* посредни* независим* прагмати*
		tarafsiz* denge* arabulucu* bağimsiz* pragmati* çokyönlü*
		neytral* balans* tarazli* vasitəçi* müstəqil* praqmati* çoxvektorlu*
		بیطرف* توازن* موازنه* میانجی* مستقل* استقلال* عملگرا*
		حياد* محايد* توازن* متوازن* وساطة* وسيط* مستقل* استقلال* براغماتي*
		ניטרל* נייטרל* איזון* מאוזן* תיווך* מתווך* עצמאי* עצמאות*`,
	CueRestraint: `
		сдержанност* спокойстви* деэскалац* перемири* мирн* диалог* переговор* дипломати* урегулир*
		itidal* sükunet* ateşkes* barış* diyalog* müzakere* diplomasi* diplomatik*
		təmkin* sakitlik* atəşkəs* sülh* dialoq* danişiq* diplomati*
		خویشتنداری* آرامش* آتشبس* صلح* گفتگو* گفتوگو* مذاکره* مذاکرات* دیپلماسی* دیپلماتیک*
		تهدئة* هدوء* هدنة* سلمي* سلام* حوار* مفاوضات* تفاوض* دبلوماسي*
		איפוק* רגיעה* שלום* דיאלוג* דיפלומט*`,
	CueVictim: `
		жертв* мучени* погиб* убит* пострада* ранен* мирных мирные мирного невинн* самооборон* защищ* возмезди* заложник* скорб* траур*
		kurban* şehit* şehid* öldürül* yarali* sivil* masum* rehine* yas*
		qurban* şəhid* həlak* öldürül* yarali* mülki* günahsiz* girov* matəm*
		قربانی* شهید* شهادت* شهدا* کشته* مجروح* زخمی* غیرنظامی* بیگناه* گروگان* سوگ* عزا*
		ضحية* ضحايا* شهيد* شهداء* استشهاد* استشهد* قتلى* جرحى* مصاب* مدنيين* مدني* أبرياء* بريء* رهائن* رهينة*
		קורבן* קרבנות* נרצח* נהרג* הרוג* פצוע* אזרחים* חטוף* חטופים* שכול*`,
	CueLegitimacy: `
		законн* легитимн* права право правам правах суверенитет* суверенн* закон* незаконн* нарушени* наруша* нарушил* устав*
		meşru* egemenli* hukuk* yasal* yasadişi* ihlal*
		qanuni* legitim* hüquq* suverenli* suveren* qanun* pozunt*
		مشروع* حاکمیت* حقوق* قانون* غیرقانونی* نقض* منشور*
		شرعي* شرعية* حقوق* سيادة* قانون* انتهاك* خرق* ميثاق*
		לגיטימ* ריבונות* ריבוני* חוקי* הפרה* הפרת*`,
	CuePraise: `
		похвал* приветств* благодар* успех* успешн* историческ* стабильн* процвета* достижени* прогресс* толерант* мультикультурал* образцов* героическ*
		övgü* takdir* memnuniyet* başari* tarihi* istikrar* refah* kalkinma* tolerans* hoşgörü*
		təqdir* uğur* tarixi* sabitli* rifah* tərəqqi* tolerantli* multikulturalizm* nümunəvi*
		ستایش* تحسین* تقدیر* استقبال* موفق* تاریخی* ثبات* رفاه* پیشرفت* دستاورد* شجاع* مقاومت*
		أشاد* إشادة* ثناء* ترحيب* رحب* نجاح* ناجح* تاريخي* استقرار* ازدهار* إنجاز* مقاومة* صمود*
		שבח* שיבח* בירך* הצלחה* מוצלח* היסטורי* יציבות* שגשוג* הישג*`,
	CueMilitary: `
		удар* авиаудар* беспилот* дрон* ракет* атак* напал* нападени* войн* военн* арми* оружи* вооруж* авиабаз* аэродром* разведк* ядерн* бомб* войск* наступлени* истребител* боеприпас*
		saldiri* füze* savaş* askeri* ordu* silah* istihbarat* nükleer* bomba* asker* operasyon* iha* siha*
		hücum* zərbə* dron* pilotsuz* raket* müharibə* hərbi* ordu* silah* kəşfiyyat* nüvə* bomba* qoşun* əməliyyat*
		حمله* حملات* پهپاد* موشک* جنگ* نظامی* ارتش* سلاح* تسلیحات* اطلاعاتی* هستهای* بمب* عملیات*
		هجوم* هجمات* غارة* غارات* ضربة* ضربات* مسيرة* مسيرات* صاروخ* صواريخ* حرب* عسكري* جيش* أسلحة* سلاح* استخبارات* نووي* قنبلة* قصف* قوات*
		תקיפה* תקיפות* מתקפה* התקפה* רחפן* טיל* טילים* מלחמה* צבא* צבאי* נשק* מודיעין* גרעין* פצצה* הפצצה* כוחות* מבצע*`,
	CueBase: `
		плацдарм* форпост* база базы базу базе базой баз базами базах шпион* прокси*
		üs üssü üsleri üssünü üslerin casus* vekalet*
		baza* placdarm* casus*
		پایگاه* سکو* جاسوس* نیابتی*
		قاعدة* قواعد* منصة* جاسوس* تجسس* وكيل* وكلاء*
		בסיס* ריגול* מרגל* שלוח* שלוחים*`,
	CueDispute: `
		безосновательн* абсурд* сфабрикован* фальши* ложн* фейк* миф* заговор* пропаганд* нелеп* необоснован* якобы предполагаем* дезинформац* клевет* вымысл* вымысел
		asilsiz* saçma* uydurma* yalan* sahte* efsane* komplo* propaganda* sözde iddia* dezenformasyon* karalama*
		əsassiz* absurd* uydurma* saxta* yalan* mif* təbliğat* guya iddia* dezinformasiya* böhtan*
		بیاساس* واهی* ساختگی* دروغ* جعل* افسانه* توطئه* تبلیغات* ادعا* بهاصطلاح
		مزاعم* مزعوم* ملفق* كاذب* كذب* أكاذيب* مفبرك* أسطورة* مؤامرة* دعاية* يسمى ادعاء* ادعاءات* تضليل*
		מופרך* שקר* שקרי* מפוברק* בדוי* פייק* קונספירציה* תעמולה* כביכול* טענה* טענות*`,
	CueRelay: `
		заяви* сказал* сообщи* сообща* словам отметил* подчеркну* добавил* переда* цитиру* пресс-секретар* представител*
		dedi söyle* açikla* bildir* belirtti* kaydetti* aktardi* göre sözcü*
		bildirib bildirdi* deyib dedi* qeyd açiqlama* sözçü* görə
		گفت* اعلام* اظهار* افزود* تاکید* گزارش* سخنگو* بیانیه*
		قال* صرح* تصريح* أعلن* أضاف* أكد* أشار* أفاد* وفق* بحسب* نقل* متحدث* بيان*
		אמר* הודיע* מסר* הוסיף* ציין* הדגיש* לדברי* לפי* דובר* הודעה*`,
	CueDistance: `
		дистанцир* разрыв* охлажд* сближени* разворот* переориентац* потеплени* отчужд*
		mesafe* uzaklaş* soğuma* yakinlaş*
		uzaqlaş* yaxinlaş* soyuma*
		فاصله* نزدیکی* سردی* گسست*
		ابتعاد* تقارب* فتور* قطيعة* تحول*
		התרחק* התקרבות* קרע*`,
	CueThreat: `
		угроз* угрожа* опасн* предупреди* предупрежда* риск* эскалац* обостр*
		tehdit* tehlike* uyar* risk* tirmanma* gerilim*
		təhdid* təhlükə* xəbərdarli* risk* eskalasiya* gərginlik*
		تهدید* خطر* هشدار* تشدید* تنش*
		تهديد* يهدد* خطر* خطير* تحذير* حذر* تصعيد* توتر*
		איום* איים* מאיים* סכנה* מסוכן* הזהיר* אזהרה* הסלמה* מתיחות*`,
}

// negatorWordsML start a negation scope, as negatorWords do in English.
var negatorWordsML = `
	не нет ни без никогда отверг* отрица* опроверг* отказал* отказыва*
	değil yok asla hiç hiçbir reddet* yalanla*
	deyil yox heç heçbir rədd* təkzib*
	نه نمی* هرگز بدون هیچ تکذیب* نیست نبود
	لا لم لن ليس ليست غير دون بدون أبدا رفض* نفى* ينفي
	לא אין אינו אינה בלי ללא מעולם הכחיש* דחה*`

// attributionWordsML mark a sentence as reported speech, as
// attributionWords do in English (see voice.go).
var attributionWordsML = `
	заяви* сказал* сообщи* словам отметил* подчеркну* добавил* утвержда* цитиру* написал* обвини* призвал* пишет
	dedi söyle* açikla* bildir* belirt* kaydet* aktar* göre vurgula* iddia* suçla*
	bildir* dedi deyib qeyd* vurğula* açiqla* görə iddia* ittiham*
	گفت* اعلام* اظهار* افزود* تاکید* گزارش* خاطرنشان* ادعا* سخنگو*
	قال* صرح* أعلن* أضاف* أكد* أشار* أفاد* وفق* بحسب* زعم* اتهم* نقل*
	אמר* הודיע* מסר* הוסיף* ציין* הדגיש* לדברי* לפי* טען* האשים*`
