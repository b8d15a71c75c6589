"""Invented texts of the events tests on passages (tests/test_events_passages.py), in Russian,
Kazakh and English: a release outlets reprint, the formula a press service closes its calls
on (two sentences), and what two other calls were about, each in its own words."""

RELEASE = {
    "ru": (
        "Глава государства выразил глубокие соболезнования в связи с многочисленными жертвами "
        "разрушительного землетрясения и пожелал скорейшего выздоровления всем пострадавшим. "
        "Касым-Жомарт Токаев сообщил, что по его поручению в пострадавшие районы направлена "
        "группа спасателей и медиков, а также гуманитарная помощь, включающая палатки, одеяла, "
        "продукты питания и лекарства. Президент подчеркнул, что казахстанский народ разделяет "
        "боль утраты братского народа и готов оказать любое необходимое содействие в ликвидации "
        "последствий стихийного бедствия. Собеседник поблагодарил за проявленную солидарность и "
        "отметил, что своевременная поддержка друзей особенно важна в эти трудные дни для всей "
        "страны."
    ),
    "kk": (
        "Мемлекет басшысы қиратқыш жер сілкінісінен көптеген адамның қаза болуына байланысты "
        "терең қайғырып көңіл айтып, барлық зардап шеккендерге тезірек сауығуын тіледі. "
        "Қасым-Жомарт Тоқаев өзінің тапсырмасымен зардап шеккен аудандарға құтқарушылар мен "
        "дәрігерлер тобы, сондай-ақ шатырлар, көрпелер, азық-түлік пен дәрі-дәрмектен тұратын "
        "гуманитарлық көмек жіберілгенін хабарлады. Президент қазақ халқы бауырлас халықтың "
        "қасіретін бөлісетінін және табиғи апаттың зардаптарын жоюға кез келген қажетті көмек "
        "көрсетуге дайын екенін атап өтті. Әңгімелесуші танытылған ынтымақтастық үшін алғыс "
        "айтып, достардың уақтылы қолдауы бүкіл ел үшін осы қиын күндерде ерекше маңызды екенін "
        "айтты."
    ),
    "en": (
        "The Head of State expressed his deep condolences over the many victims of the "
        "devastating earthquake and wished a speedy recovery to all those injured. Kassym-Jomart "
        "Tokayev said that on his instructions a team of rescuers and medics had been sent to the"
        " affected areas, together with humanitarian aid including tents, blankets, food and "
        "medicines. The President stressed that the people of Kazakhstan share the pain of loss "
        "of a brotherly nation and are ready to provide any assistance needed to deal with the "
        "consequences of the disaster. His counterpart thanked him for the solidarity shown and "
        "noted that the timely support of friends is especially important in these difficult days"
        " for the whole country."
    ),
}
FORMULA = {
    "ru": (
        "Стороны обсудили вопросы торгово-экономического сотрудничества и отметили позитивную "
        "динамику двусторонних отношений, договорившись продолжить регулярный диалог на высшем "
        "уровне.",
        "Особое внимание было уделено расширению взаимной торговли, созданию совместных "
        "предприятий и развитию прямых авиасообщений между столицами двух государств.",
    ),
    "kk": (
        "Тараптар сауда-экономикалық ынтымақтастық мәселелерін талқылап, екіжақты "
        "қарым-қатынастың оң серпінін атап өтті және жоғары деңгейдегі тұрақты диалогты "
        "жалғастыруға уағдаласты.",
        "Өзара сауданы кеңейтуге, бірлескен кәсіпорындар құруға және екі мемлекеттің астаналары "
        "арасындағы тікелей әуе қатынасын дамытуға ерекше назар аударылды.",
    ),
    "en": (
        "The sides discussed trade and economic cooperation and noted the positive dynamics of "
        "bilateral relations, agreeing to continue the regular dialogue at the highest level.",
        "Particular attention was paid to expanding mutual trade, setting up joint ventures and "
        "developing direct flights between the capitals of the two states.",
    ),
}
OWN = {
    "ru": (
        (
            "Президенты подробно рассмотрели ход строительства новой железнодорожной линии через "
            "горный перевал, сроки запуска контейнерного терминала на границе и тарифы на транзит "
            "зерна в порты Черного моря. Министрам транспорта поручено до конца квартала подготовить "
            "дорожную карту по цифровым пломбам."
        ),
        (
            "Главы государств обменялись мнениями о ситуации на мировых рынках нефти, обсудили "
            "поставки электроэнергии в летний период и модернизацию двух угольных станций на севере "
            "страны. Энергетическим компаниям предложено согласовать график ремонта магистральных "
            "сетей до наступления зимы."
        ),
    ),
    "kk": (
        (
            "Президенттер тау асуы арқылы өтетін жаңа темір жол желісінің құрылысын, шекарадағы "
            "контейнерлік терминалды іске қосу мерзімін және Қара теңіз порттарына астық транзитінің "
            "тарифтерін егжей-тегжейлі қарады. Көлік министрлеріне тоқсан соңына дейін цифрлық "
            "пломбалар бойынша жол картасын дайындау тапсырылды."
        ),
        (
            "Мемлекет басшылары әлемдік мұнай нарығындағы ахуал туралы пікір алмасып, жазғы кезеңде "
            "электр энергиясын жеткізуді және елдің солтүстігіндегі екі көмір станциясын жаңғыртуды "
            "талқылады. Энергетикалық компанияларға қыс басталғанға дейін магистральдық желілерді "
            "жөндеу кестесін келісу ұсынылды."
        ),
    ),
    "en": (
        (
            "The presidents reviewed in detail the construction of a new railway line across a "
            "mountain pass, the timing of the launch of a container terminal on the border and the "
            "tariffs for grain transit to the Black Sea ports. The transport ministers were "
            "instructed to prepare a road map on digital seals by the end of the quarter."
        ),
        (
            "The heads of state exchanged views on the situation on the world oil markets, discussed "
            "supplies of electricity in the summer period and the modernisation of two coal plants in"
            " the north of the country. The energy companies were asked to agree on a schedule for "
            "repairing the main grids before the winter."
        ),
    ),
}
