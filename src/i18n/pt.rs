//! Portuguese (Brazilian, "você"): Brazil is the larger market for micropigmentação capilar.
//! Brazilian spelling and usage, but written to read well in Portugal too: the subject is
//! mostly left out instead of repeating "você", and words that differ between the two
//! ("contato/contacto", "câmera/câmara", "tela/ecrã", "arquivo/ficheiro", "registrar/registar")
//! are avoided where a shared word exists. For a worried visitor reading on a phone: warm,
//! plain words, honest about limits. Follows `en.rs` in structure.

use super::{label, plural, Label, Strings};
use crate::domain::answers::*;
use crate::domain::flow::{Choice, QuestionId};
use crate::domain::lead::{BestTime, Field, FieldError, PreferredContact};
use crate::domain::photo::{PhotoError, PhotoSlot};
use crate::domain::recommend::{Approach, Caution, Extent, InPerson, PigmentNote, Reason};

fn question(q: QuestionId) -> Label {
    match q {
        QuestionId::Pattern => label(
            "O que melhor descreve a sua queda de cabelo?",
            "Escolha a opção mais parecida; a clínica vai avaliar com calma depois.",
        ),
        QuestionId::Stage => label(
            "Qual imagem mais se parece com o seu cabelo hoje?",
            "Compare a linha frontal e a coroa (o alto da cabeça, atrás), não o comprimento.",
        ),
        QuestionId::Progression => label("A sua queda de cabelo mudou recentemente?", ""),
        QuestionId::Style => label("Como gostaria de usar o cabelo?", ""),
        QuestionId::HairColour => label(
            "Qual é a cor natural do seu cabelo?",
            "A cor da raiz ou, se raspa a cabeça, a dos fios bem curtos.",
        ),
        QuestionId::SkinTone => label(
            "Qual tom mais se parece com o da sua pele?",
            "Isso ajuda a escolher um tom de pigmento que fique natural na sua pele.",
        ),
        QuestionId::Scars => label(
            "Tem alguma cicatriz no couro cabeludo?",
            "Escolha todas as opções que se aplicam.",
        ),
        QuestionId::ScarHealed => label("As suas cicatrizes estão curadas há 9 meses ou mais?", ""),
        QuestionId::ScarRaised => label("As suas cicatrizes são planas ou em relevo?", ""),
        QuestionId::Health => label(
            "Alguma destas situações é o seu caso?",
            "Assim a clínica pode cuidar da sua segurança. Nenhuma delas impede o tratamento por si só.",
        ),
        QuestionId::AgeBand => label("Qual é a sua idade?", ""),
        QuestionId::Hairline => label("Que tipo de linha frontal gostaria de ter?", ""),
    }
}

fn choice(q: QuestionId, c: Choice) -> Label {
    match c {
        Choice::Pattern(p) => match p {
            Pattern::Male => label("Entradas ou coroa rala", "Calvície de padrão masculino"),
            Pattern::Female => label(
                "A risca do cabelo está cada vez mais larga",
                "Calvície de padrão feminino",
            ),
            Pattern::Diffuse => label("Cabelo mais ralo na cabeça toda", "Rarefação difusa"),
            Pattern::Patchy => label("Falhas redondas sem cabelo", "Alopecia areata"),
            Pattern::Total => label(
                "Não tenho nenhum cabelo na cabeça",
                "Alopecia total ou universal",
            ),
            Pattern::None => label("Não tenho queda: quero disfarçar uma cicatriz", ""),
        },
        Choice::Stage(s) => match s {
            Stage::N1 => label("Norwood 1", "A linha frontal quase não recuou"),
            Stage::N2 => label("Norwood 2", "Entradas leves nas têmporas"),
            Stage::N3 => label("Norwood 3", "Entradas profundas nas têmporas"),
            Stage::N3v => label("Norwood 3 vértex", "Entradas e coroa rala"),
            Stage::N4 => label("Norwood 4", "Frente recuada e uma falha na coroa"),
            Stage::N5 => label("Norwood 5", "Frente e coroa quase se encontram"),
            Stage::N6 => label(
                "Norwood 6",
                "Frente e coroa unidas, com apenas uma faixa fina entre elas",
            ),
            Stage::N7 => label("Norwood 7", "Cabelo só nas laterais e na nuca"),
            Stage::L1 => label("Ludwig 1", "Risca um pouco mais larga do que antes"),
            Stage::L2 => label(
                "Ludwig 2",
                "Risca claramente mais larga, couro cabeludo visível no topo",
            ),
            Stage::L3 => label("Ludwig 3", "Muito ralo no topo, couro cabeludo bem visível"),
        },
        Choice::Progression(p) => match p {
            Progression::Stable => label("Estável há um ano ou mais", ""),
            Progression::Slow => label("Perde densidade aos poucos", ""),
            Progression::Fast => label("Perde densidade rapidamente", ""),
            Progression::Unsure => label("Não sei bem", ""),
        },
        Choice::Style(s) => match s {
            Style::Buzz => label("Raspado ou bem curto", "Cortado rente em toda a cabeça"),
            Style::Longer => label(
                "Mais comprido",
                "Manter o meu cabelo e que pareça mais cheio",
            ),
            Style::Unsure => label("Ainda não sei", ""),
        },
        Choice::HairColour(h) => match h {
            HairColour::Black => label("Preto", ""),
            HairColour::DarkBrown => label("Castanho-escuro", ""),
            HairColour::MediumBrown => label("Castanho médio", ""),
            HairColour::LightBrown => label("Castanho-claro", ""),
            HairColour::Blonde => label("Loiro", ""),
            HairColour::Red => label("Ruivo", ""),
            HairColour::Grey => label("Grisalho ou branco", ""),
            HairColour::SaltPepper => label("Sal e pimenta", ""),
        },
        Choice::SkinTone(t) => match t.get() {
            1 => label("Muito clara", "Sempre queima, nunca bronzeia"),
            2 => label("Clara", "Queima com facilidade, bronzeia pouco"),
            3 => label("Média", "Às vezes queima, bronzeia aos poucos"),
            4 => label("Oliva", "Raramente queima, bronzeia com facilidade"),
            5 => label("Morena", "Quase nunca queima"),
            _ => label("Morena escura ou negra", "Nunca queima"),
        },
        Choice::Scar(s) => match s {
            Scar::FutStrip => label(
                "Cicatriz linear de transplante capilar (FUT)",
                "Uma linha de lado a lado na parte de trás da cabeça",
            ),
            Scar::FueDots => label(
                "Pequenas cicatrizes em forma de ponto de transplante capilar (FUE)",
                "",
            ),
            Scar::Surgical => label("Cicatriz de uma cirurgia ou de um ferimento", ""),
            Scar::Burn => label("Cicatriz de queimadura", ""),
        },
        Choice::ScarHealed(true) => label("Sim, há 9 meses ou mais", ""),
        Choice::ScarHealed(false) => label("Não, são mais recentes", ""),
        Choice::ScarRaised(false) => label("Planas", "No mesmo nível da pele em volta"),
        Choice::ScarRaised(true) => {
            label("Em relevo ou irregulares", "Incluindo cicatrizes queloides")
        }
        Choice::Health(h) => match h {
            Health::Keloid => label(
                "A minha pele tende a formar queloides (cicatrizes em relevo)",
                "",
            ),
            Health::ScalpCondition => label(
                "Tenho psoríase, eczema, dermatite ou acne no couro cabeludo neste momento",
                "",
            ),
            Health::BloodThinners => label("Tomo anticoagulantes ou tenho um distúrbio de coagulação", ""),
            Health::Pregnancy => label("Estou grávida ou em período de amamentação", ""),
            Health::Chemo => label("Fiz quimioterapia nos últimos 12 meses", ""),
            Health::Immune => label("Tenho uma doença do sistema imunitário ou tomo medicamentos que baixam a imunidade", "Incluindo tratamentos com corticoides ou com isotretinoína para o acne"),
            Health::Diabetes => label("Tenho diabetes", ""),
            Health::InkAllergy => label("Já tive uma reação a tinta de tatuagem ou a pigmentos", ""),
            Health::RecentTransplant => label("Fiz um transplante capilar nos últimos 12 meses", ""),
        },
        Choice::AgeBand(a) => match a {
            AgeBand::Under18 => label("Menos de 18", ""),
            AgeBand::From18To24 => label("18–24", ""),
            AgeBand::From25To34 => label("25–34", ""),
            AgeBand::From35To44 => label("35–44", ""),
            AgeBand::From45To54 => label("45–54", ""),
            AgeBand::From55 => label("55 ou mais", ""),
        },
        Choice::Hairline(h) => match h {
            Hairline::Soft => label("Suave e natural", "Uma borda delicada, levemente irregular"),
            Hairline::Defined => label("Marcada e definida", "Uma linha nítida e bem desenhada"),
            Hairline::Mature => label("Madura", "Um pouco mais alta, com as têmporas suavizadas"),
            Hairline::Unsure => label(
                "Não sei bem",
                "Vamos sugerir uma que combine com a sua idade",
            ),
        },
        Choice::NoneOfThese => match q {
            QuestionId::Scars => label("Não tenho cicatrizes", ""),
            _ => label("Nenhuma destas", ""),
        },
    }
}

fn approach(a: Approach) -> Label {
    match a {
        Approach::BuzzCut => label("Efeito raspado completo", "Milhares de pontinhos de pigmento recriam a aparência de cabelo recém-raspado em todo o couro cabeludo, com uma nova linha frontal que combine com o seu rosto."),
        Approach::DensityShading => label("Efeito densidade", "Pontos de pigmento entre os seus fios fazem o couro cabeludo transparecer menos. Assim o cabelo parece mais denso e pode continuar a usá-lo comprido."),
        Approach::ScarCamouflage => label("Camuflagem de cicatrizes", "Pontos de pigmento iguais aos seus folículos quebram a linha da cicatriz, que assim se confunde com o cabelo em volta."),
        Approach::PatchBlending => label("Preenchimento de falhas", "Pontos de pigmento preenchem as falhas para que se integrem ao cabelo em volta."),
        Approach::NoneNeeded => label("Talvez ainda não precise de micropigmentação", "A sua linha frontal quase não mudou. Por enquanto, a micropigmentação acrescentaria pouco; mesmo assim, uma consulta pode servir de ponto de partida e tirar as suas dúvidas."),
    }
}

fn extent(e: Extent) -> &'static str {
    match e {
        Extent::Small => "Área pequena",
        Extent::Medium => "Área média",
        Extent::Large => "Área grande",
    }
}

fn pigment(p: PigmentNote) -> &'static str {
    match p {
        PigmentNote::Greyscale => "Para os seus tons grisalhos, é usado um pigmento mais claro, em escala de cinza, para que os pontos pareçam os seus próprios fios raspados.",
        PigmentNote::LighterDilution => "Em pele clara, é usado um pigmento diluído e mais claro: um tom escuro demais pode ficar azulado com o tempo.",
        PigmentNote::BolderImpressions => "Em tons de pele mais escuros, pontos um pouco mais marcados dão o contraste necessário para parecerem folículos reais.",
        PigmentNote::DarkerThanHair => "Com cabelo loiro ou ruivo, os pontos ficam um pouco mais escuros do que o cabelo, para aparecerem como fios raspados.",
    }
}

fn caution(c: Caution) -> &'static str {
    match c {
        Caution::FutureLoss => "A sua queda de cabelo pode continuar, e talvez sejam necessárias mais sessões no futuro. Vale a pena falar com um médico sobre um tratamento para estabilizá-la.",
        Caution::LowContrast => "Cabelo loiro ou ruivo dá pouco contraste, por isso o efeito densidade aparece menos do que em cabelos mais escuros.",
        Caution::AreataRegrowth => "Na alopecia areata, o cabelo pode voltar a crescer: se crescer sobre as áreas pigmentadas, elas podem parecer mais escuras por algum tempo.",
        Caution::LongerHairNotPossible => "Nesta fase há pouco cabelo no topo para um visual mais cheio com cabelo comprido; o efeito raspado é o que dá o resultado mais convincente.",
        Caution::LimitedDensity => "Com uma perda de densidade tão grande, a micropigmentação pode suavizar o contraste, mas não consegue fazer o cabelo comprido parecer totalmente denso.",
        Caution::PatchTest => "Como já reagiu a uma tinta ou a um pigmento, a clínica vai testar primeiro uma pequena área e esperar para ver como a sua pele reage.",
        Caution::TransplantSettle => "A micropigmentação espera até a zona transplantada cicatrizar e os cabelos transplantados caírem, para se ver onde o pigmento é mesmo necessário.",
    }
}

fn in_person(i: InPerson) -> &'static str {
    match i {
        InPerson::Keloid => "A sua pele tende a formar queloides: um teste prévio numa pequena área garante a sua segurança.",
        InPerson::ScalpCondition => "Um problema ativo no couro cabeludo deve estar controlado antes do tratamento.",
        InPerson::BloodThinners => "Os anticoagulantes afetam a cicatrização; a clínica vai definir o melhor momento em conjunto com você (e com o seu médico).",
        InPerson::Pregnancy => "Durante a gravidez e a amamentação, o tratamento costuma ser adiado.",
        InPerson::Chemo => "Depois de uma quimioterapia recente, a pele deve ser avaliada antes do tratamento.",
        InPerson::Immune => "Uma doença imunitária ou um medicamento que baixa a imunidade pode atrasar a cicatrização e aumentar o risco de complicações; a clínica vai avaliar em conjunto com você (e com o seu médico) quando o tratamento é seguro.",
        InPerson::Diabetes => "A diabetes pode atrasar a cicatrização; antes do tratamento, a clínica vai falar com você sobre como ela está controlada.",
        InPerson::InkAllergy => "Já reagiu a uma tinta ou a um pigmento: a clínica precisa de uma consulta presencial e de fazer um teste antes.",
        InPerson::RecentTransplant => "Depois de um transplante capilar recente, a clínica precisa de ver como a zona cicatrizou.",
        InPerson::Under18 => "Para menores de 18 anos, a consulta tem de ser presencial, com o pai, a mãe ou o responsável legal.",
        InPerson::ScarRecent => "Uma cicatriz com menos de 9 meses ainda não estabilizou: a clínica vai avaliar quando pode ser tratada.",
        InPerson::ScarRaised => "Cicatrizes em relevo absorvem o pigmento de forma diferente e devem ser avaliadas pessoalmente.",
        InPerson::AreataActive => "Se as falhas ainda não estabilizaram, devem ser avaliadas antes de definir o tratamento.",
    }
}

fn reason(r: Reason) -> &'static str {
    match r {
        Reason::ScarOnly => "Não tem queda de cabelo e quer que uma cicatriz deixe de aparecer.",
        Reason::CompleteLoss => "Sem cabelo na cabeça, o efeito raspado completo recria o visual de todo o couro cabeludo.",
        Reason::PatchyLoss => "A sua queda é em falhas, que podem ser integradas ao cabelo em volta.",
        Reason::DiffuseThinning => "O seu cabelo está mais ralo na cabeça toda, por isso pigmentar entre os fios dá uma densidade visível.",
        Reason::MinimalLoss => "A sua linha frontal quase não mudou.",
        Reason::HairToShade => "Ainda tem cabelo suficiente para que a pigmentação entre os fios pareça natural.",
        Reason::AdvancedLoss => "Resta pouco cabelo no topo, por isso só a pigmentação entre os fios não pareceria densa.",
        Reason::PrefersBuzz => "Gosta do cabelo raspado ou bem curto.",
        Reason::PrefersLonger => "Quer continuar com o cabelo mais comprido.",
        Reason::StyleOpen => "Ainda não decidiu o estilo, por isso mostramos a opção que deixa mais possibilidades em aberto.",
        Reason::ScarsToCover => "As suas cicatrizes podem ser camufladas nas mesmas sessões.",
        Reason::StableLoss => "A sua queda está estável, por isso o resultado deve durar bem.",
        Reason::ChangingLoss => "A sua queda ainda pode mudar, e o plano leva isso em conta.",
    }
}

fn field_error(e: FieldError) -> &'static str {
    match e {
        FieldError::Required(Field::Name) => "Por favor, indique o seu nome.",
        FieldError::Required(Field::Email) => "Por favor, indique o seu e-mail.",
        FieldError::Required(Field::Consent) => "Marque a caixa para que a clínica possa usar as suas respostas.",
        FieldError::Required(_) => "Por favor, preencha este campo.",
        FieldError::EmailInvalid => "Isto não parece um endereço de e-mail. Verifique, por favor (por exemplo, nome@exemplo.com).",
        FieldError::PhoneInvalid => "Indique o número com o código do país, por exemplo +55 para o Brasil ou +351 para Portugal.",
        FieldError::PhoneNeeded => "Indique um número de telefone para que a clínica possa ligar ou mandar mensagem.",
        FieldError::TooLong(_) => "O texto está longo demais. Por favor, encurte-o.",
    }
}

pub static STRINGS: Strings = Strings {
    code: "pt",
    title: "A micropigmentação capilar é a solução certa no seu caso?",
    intro: "Uma avaliação privada de 2 minutos. Escolha as imagens mais parecidas com o seu caso e receba uma resposta honesta.",
    back: "Voltar",
    next: "Continuar",
    see_result: "Ver o meu resultado",
    start_again: "Recomeçar",
    progress: "Pergunta {n} de no máximo {total}",
    optional: "Opcional",
    question,
    choice,
    step_error_no_choice: "Escolha uma resposta para continuar.",
    step_error_scar_required: "Escolha a cicatriz que gostaria de disfarçar.",

    result_heading: "A nossa sugestão para o seu caso",
    provisional_heading: "Provisório: primeiro é preciso uma avaliação presencial",
    provisional_text: "Algumas das suas respostas indicam que um especialista deve verificar alguns pontos pessoalmente antes de qualquer tratamento. Veja abaixo o que esperaríamos — e pode enviar o resultado para a clínica mesmo assim.",
    approach,
    alternative_heading: "Também vale a pena considerar",
    add_on_heading: "Como complemento",
    treatment_heading: "Como seria o tratamento",
    extent,
    sessions: plural("{span} sessão", "{span} sessões"),
    hours_per_session: plural("{span} hora cada", "{span} horas cada"),
    hairline_heading: "Linha frontal sugerida",
    pigment_heading: "Pigmento e cor",
    pigment,
    cautions_heading: "É bom saber",
    caution,
    in_person,
    price_heading: "Preço estimado",
    price_range: "de {min} a {max}",
    price_note: "A clínica confirma o preço exato depois da avaliação.",
    longevity_heading: "Quanto tempo dura",
    longevity: "A micropigmentação capilar dura anos. A maioria das pessoas faz um retoque a cada 3 a 5 anos. O sol desbota o pigmento mais depressa, por isso proteja o couro cabeludo com protetor solar.",
    why_heading: "Os motivos desta sugestão",
    reason,
    to_lead_form: "Perguntar à clínica sobre isto",
    change_answers: "Alterar as minhas respostas",
    preview_heading: "Como poderia ficar em você",
    preview_now: "Agora",
    preview_with_smp: "Com micropigmentação",
    preview_compare: "Comparar agora e com micropigmentação",
    preview_split: "{n}% com micropigmentação",
    preview_caption: "Um desenho feito a partir das suas respostas para dar uma ideia: não é uma foto sua nem uma promessa de resultado.",
    preview_hair: "Cabelo",
    preview_skin: "Pele",
    preview_scars: "Cicatrizes",

    lead_heading: "Envie o seu resultado para {clinic}",
    lead_intro: "As suas respostas e esta sugestão vão junto com a sua mensagem, assim não precisa explicar tudo de novo.",
    name_label: "Nome",
    email_label: "E-mail",
    phone_label: "Telefone",
    phone_hint: "Opcional. Inclua o código do país.",
    preferred_contact_label: "Como prefere que a clínica fale com você?",
    preferred_contact: |p| match p {
        PreferredContact::Email => "E-mail",
        PreferredContact::Phone => "Por telefone",
        PreferredContact::Whatsapp => "WhatsApp ou SMS",
    },
    best_time_label: "Melhor período do dia para falar com você",
    best_time: |b| match b {
        BestTime::Any => "A qualquer hora",
        BestTime::Morning => "De manhã",
        BestTime::Afternoon => "À tarde",
        BestTime::Evening => "À noite",
    },
    message_label: "Quer perguntar alguma coisa?",
    message_hint: "Opcional.",
    photos_label: "Fotos do seu couro cabeludo",
    photos_hint: "Até quatro fotos ajudam a clínica a propor um plano e um preço mais exatos. JPEG ou PNG; reduzimos o tamanho antes do envio.",
    photos_privacy: "As suas fotos vão apenas para {clinic}, junto com o seu pedido. Antes disso, removemos os dados de localização e do aparelho.",
    photo_slot: |s| match s {
        PhotoSlot::Front => label("Frente", "A linha frontal, com o rosto de frente"),
        PhotoSlot::Top => label("Topo", "Vista de cima, mostrando o alto da cabeça"),
        PhotoSlot::Crown => label("Coroa", "A parte de trás do alto da cabeça"),
        PhotoSlot::Sides => label("Laterais", "Um dos lados da cabeça, da orelha à têmpora"),
    },
    photo_alt: "A sua foto: {slot}",
    photo_add: "Adicionar foto",
    photo_change: "Escolher outra foto",
    photo_remove: "Remover",
    photo_preparing: "Preparando a foto…",
    photo_error: |e| match e {
        PhotoError::NotAnImage => "Isto não é uma foto JPEG ou PNG. Escolha uma foto num desses formatos.",
        PhotoError::TooLarge => "Esta foto é grande demais. Escolha uma com menos de 20 MB.",
        PhotoError::TooMany => "Pode adicionar até quatro fotos.",
        PhotoError::CouldNotRead => "Não foi possível ler esta foto. Talvez esteja danificada; tente outra.",
        PhotoError::TotalTooLarge => "Juntas, as fotos são grandes demais para enviar. Remova uma ou escolha uma foto menor.",
        PhotoError::TooManyPixels => "Esta foto tem pixels demais (no máximo 50 megapixels). Escolha uma foto menor.",
    },
    consent_text: "Concordo que {clinic} use as minhas respostas, incluindo dados sobre a minha saúde, para avaliar se a micropigmentação capilar é indicada para mim e para falar comigo sobre isso. Posso revogar este consentimento a qualquer momento.",
    marketing_text: "Também quero receber ofertas e novidades de {clinic}. (Opcional)",
    privacy_link: "Política de privacidade",
    field_error,
    form_has_errors: "Corrija os campos indicados abaixo, por favor.",
    send: "Enviar para a clínica",
    sending: "Enviando…",
    retrying: "A conexão está lenta. Ainda estamos tentando enviar…",
    send_saved: "Não foi possível enviar para a clínica agora. O seu pedido ficou guardado neste aparelho e será enviado automaticamente, mesmo que feche esta página ou volte mais tarde.",
    send_unsaved: "Não foi possível enviar para a clínica agora. Vamos continuar tentando enquanto esta página estiver aberta; também pode falar diretamente com a clínica.",
    send_rejected: "O sistema da clínica não aceitou o pedido. Por favor, fale diretamente com a clínica.",
    no_endpoint: "Esta clínica ainda não recebe pedidos pela internet. Por favor, fale diretamente com ela.",
    try_again: "Tentar novamente",
    loading: "Carregando…",
    part_failed: "Não foi possível carregar esta parte da consulta. Verifique sua conexão e tente novamente.",
    email_summary: "Enviar o meu resultado por e-mail para a clínica",
    email_summary_subject: "A minha avaliação de micropigmentação capilar para {clinic}",
    fallback_contact: "Também pode falar diretamente com {clinic}:",

    thanks_heading: "Obrigado, {name}",
    thanks_text: "{clinic} já recebeu as suas respostas e vai responder em breve.",
    thanks_steps: [
        "Um especialista analisa as suas respostas.",
        "A clínica fala com você pelo meio que escolheu, para marcar uma consulta.",
        "Na consulta, recebe um plano e um preço exatos, sem nenhum compromisso.",
    ],
    book_consultation: "Marcar a consulta agora",
    redirecting: "Abrindo a próxima página…",
    close: "Fechar",
    colon: ": ",
    lower_after_colon: true,
};
