// Name lists, nicknames, invented streets and an invented borough for the synthetic demo.
// Written for this project: ordinary common first names and surnames with hand-set relative
// weights (roughly the skew of a northern English town), invented street and place names.
// No real people, no real addresses.

import { type WeightedTable, weightedTable } from './prng.js';

export type Sex = 'M' | 'F';
/** Heritage group: only used to keep names within a family plausible together. */
export type NameGroup = 'british' | 'southAsian' | 'eastEuropean' | 'other';
/** Birth cohort for British forenames (fashions change). */
export type Era = 'old' | 'mid' | 'young';

/** Parses 'Name:weight Name:weight …' (weight defaults to 1). */
function parseWeighted(text: string): [string, number][] {
  const out: [string, number][] = [];
  for (const token of text.split(/\s+/)) {
    if (!token) continue;
    const at = token.lastIndexOf(':');
    const name = (at > 0 ? token.slice(0, at) : token).replace(/_/g, ' ');
    const weight = at > 0 ? Number(token.slice(at + 1)) : 1;
    if (!(weight > 0)) throw new Error(`names: bad weight in ${token}`);
    out.push([name, weight]);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Forenames

const BRITISH_M_OLD = `
John:60 David:50 Michael:40 Peter:35 Robert:30 Brian:30 Alan:28 William:28 James:26 Kenneth:22
Keith:20 Barry:16 Terence:15 Dennis:14 Roy:14 Derek:16 Ronald:18 Raymond:16 Geoffrey:12 Colin:16
Graham:14 Malcolm:12 Trevor:12 Anthony:16 Christopher:10 Stephen:10 Richard:14 Thomas:14 George:16
Frank:12 Harold:12 Albert:8 Arthur:10 Ernest:6 Norman:10 Leslie:8 Gordon:8 Eric:10 Stanley:8
Donald:8 Frederick:8 Edward:10 Charles:10 Patrick:6 Roger:8 Philip:8 Clive:5 Melvyn:4 Gerald:5
Bernard:6 Walter:5 Harry:6 Jack:5 Leonard:6 Douglas:5 Cyril:3 Maurice:4 Neville:3 Alfred:4
Joseph:6 Henry:4 Lawrence:3 Herbert:2 Wilfred:2 Clifford:3 Victor:4 Howard:3 Rodney:3 Ivan:2
`;
const BRITISH_M_MID = `
Paul:40 Mark:40 David:38 Andrew:36 Stephen:30 Steven:14 Richard:24 Christopher:32 Michael:30
Darren:26 Lee:26 Craig:20 Gary:24 Wayne:18 Dean:16 Jason:18 Simon:20 Neil:18 Ian:18 Martin:18
Kevin:16 Anthony:18 Matthew:24 Daniel:22 James:24 John:16 Robert:14 Carl:14 Shaun:10 Scott:14
Stuart:10 Jonathan:12 Nicholas:10 Philip:10 Peter:10 Adam:12 Ryan:12 Jamie:10 Glen:6 Kieran:5
Russell:5 Sean:10 Dale:8 Gavin:6 Jeremy:4 Barry:4 Grant:4 Ricky:6 Karl:8 Liam:8 Thomas:12
William:8 Benjamin:6 Alexander:5 Timothy:5 Joseph:6 Edward:5 Nathan:6 Graham:4 Kenneth:2
Terry:4 Brett:3 Jon:3 Marc:4 Damian:4 Justin:4 Warren:5 Mathew:3 Joel:3 Aaron:4 Luke:6 Samuel:5
`;
const BRITISH_M_YOUNG = `
Jack:40 Oliver:36 Harry:34 George:30 Noah:24 Charlie:28 Jacob:22 Alfie:24 Freddie:20 Oscar:18
Leo:22 Thomas:26 William:22 James:24 Joshua:24 Daniel:16 Ethan:20 Mason:20 Logan:14 Lucas:14
Archie:20 Theo:18 Arthur:14 Tommy:12 Riley:16 Jayden:12 Kai:10 Tyler:14 Callum:16 Connor:16
Liam:14 Lewis:14 Reece:12 Bradley:14 Kyle:12 Jordan:16 Ryan:14 Luke:14 Samuel:18 Benjamin:14
Joseph:16 Max:14 Finley:14 Harvey:16 Teddy:10 Jenson:8 Louie:10 Frankie:8 Albie:8 Reggie:8
Ronnie:8 Alexander:10 Matthew:12 Adam:10 Nathan:12 Aaron:8 Owen:8 Dylan:12 Elliot:6 Toby:8
Jake:12 Ben:6 Kian:6 Cameron:10 Declan:5 Corey:6 Brandon:8 Jamie:8 Rhys:6 Sonny:6 Isaac:8
Henry:8 Edward:6 Alfred:3 Frederick:3 Zachary:5 Caleb:4 Rory:5 Ollie:4 Ellis:5 Jude:6 Hugo:4
`;

const BRITISH_F_OLD = `
Margaret:60 Jean:40 Mary:36 Patricia:34 Barbara:28 Joan:24 Sheila:24 Dorothy:22 Christine:22
Susan:24 Maureen:22 Brenda:20 Pauline:18 Valerie:16 Doreen:14 Irene:16 Elizabeth:22 Kathleen:18
Sandra:16 Janet:18 Anne:16 Ann:14 Joyce:14 Elsie:8 Betty:10 Eileen:12 Marjorie:8 Audrey:10
Gillian:10 Carol:16 Linda:18 Jennifer:10 Shirley:14 Rita:10 Beryl:8 Hilda:5 Edna:5 Marion:8
Evelyn:6 Iris:6 Vera:6 Josephine:6 Rosemary:6 Judith:8 Lesley:6 Wendy:8 Hazel:8 Frances:6
Veronica:5 Pamela:10 Sylvia:8 Mavis:5 Gladys:3 Ivy:3 Winifred:3 Olive:3 Lilian:4 Glenys:3
Catherine:6 Jacqueline:6 Lorraine:4 Diane:8 Elaine:8 Angela:6 Yvonne:4 Teresa:4 Julia:3
`;
const BRITISH_F_MID = `
Sarah:40 Claire:32 Nicola:30 Emma:30 Lisa:30 Joanne:28 Michelle:26 Helen:24 Samantha:22 Karen:22
Amanda:20 Rachel:20 Louise:20 Julie:22 Donna:16 Kelly:18 Tracey:16 Dawn:14 Deborah:14
Elizabeth:12 Victoria:14 Rebecca:16 Natalie:14 Gemma:16 Kerry:12 Stacey:12 Leanne:12 Jennifer:10
Catherine:10 Laura:16 Zoe:10 Hayley:12 Katie:10 Jodie:8 Sharon:14 Alison:12 Angela:10
Jacqueline:8 Wendy:6 Andrea:8 Caroline:10 Joanna:6 Kirsty:8 Melanie:8 Sally:6 Lindsey:6
Kimberley:6 Danielle:10 Charlotte:10 Amy:12 Suzanne:6 Tanya:5 Vicky:4 Sonia:3 Jane:10 Anna:6
Lucy:8 Sophie:6 Jessica:6 Katherine:5 Stephanie:6 Hannah:8 Alexandra:4 Clare:6 Marie:6 Kate:5
`;
const BRITISH_F_YOUNG = `
Olivia:36 Amelia:34 Isla:24 Ava:24 Emily:30 Sophie:24 Grace:24 Mia:22 Poppy:22 Ella:22 Lily:26
Evie:20 Isabella:16 Sophia:14 Freya:20 Ivy:14 Florence:12 Willow:12 Rosie:14 Ruby:20 Daisy:16
Millie:18 Phoebe:12 Chloe:20 Jessica:20 Lauren:18 Megan:18 Hannah:16 Bethany:14 Holly:14
Courtney:10 Shannon:10 Paige:12 Jade:12 Abigail:12 Ellie:18 Lucy:14 Molly:16 Erin:10 Scarlett:12
Harper:10 Sienna:10 Maisie:12 Layla:12 Eva:10 Matilda:10 Elsie:12 Esme:8 Violet:8 Georgia:10
Amber:12 Leah:12 Katie:10 Charlotte:16 Emma:8 Caitlin:10 Niamh:6 Alice:10 Summer:8 Lacey:8
Tilly:6 Demi:6 Kayla:6 Aimee:6 Brooke:8 Imogen:6 Lola:8 Eliza:4 Madison:6 Harriet:4 Eleanor:6
Elizabeth:4 Rebecca:6 Natalie:4 Alexandra:3 Victoria:4 Abbie:6 Darcie:6 Rosa:3 Mollie:4
`;

const SOUTH_ASIAN_M = `
Mohammed:60 Muhammad:30 Mohammad:10 Ali:14 Ahmed:10 Hassan:10 Hussain:6 Imran:12 Adam:12
Ibrahim:12 Yusuf:10 Zain:10 Ayaan:8 Omar:10 Bilal:10 Usman:10 Hamza:12 Asif:10 Tariq:8 Khalid:6
Nadeem:8 Shahid:8 Zahid:8 Waseem:8 Sajid:8 Abdul:10 Amir:6 Arif:8 Faisal:8 Irfan:8 Jamil:4
Kashif:6 Naveed:6 Rashid:6 Sohail:6 Tahir:6 Zubair:6 Haris:6 Rayyan:8 Musa:8 Idris:6 Yasin:6
Aryan:4 Rehan:6 Saqib:6 Shabir:6 Nasir:6 Akram:4 Safdar:3 Mushtaq:4 Nazir:4 Iftikhar:3 Zeeshan:4
`;
const SOUTH_ASIAN_F = `
Aisha:14 Ayesha:10 Fatima:16 Maryam:14 Zainab:12 Hafsa:10 Amina:10 Khadija:10 Noor:8 Sana:10
Samina:8 Nazia:8 Shazia:10 Rubina:8 Parveen:8 Nasreen:8 Shabana:8 Yasmin:10 Saima:10 Sadia:8
Bushra:6 Farzana:8 Rukhsana:8 Tahira:6 Zara:10 Hania:6 Inaya:8 Anaya:8 Eshal:6 Aleena:6 Iqra:8
Alisha:6 Asma:6 Nadia:8 Rabia:6 Sobia:6 Hina:6 Hajra:6 Mehwish:4 Uzma:6 Kausar:4 Razia:4
Safia:4 Nusrat:4 Shamim:4 Zubaida:4 Hamida:3 Sumaira:4 Ambreen:4 Naila:4 Mariam:6
`;
const EAST_EUROPEAN_M = `
Jan:10 Tomas:10 Peter:8 Martin:10 Marek:8 Milan:8 Jozef:8 Lukas:8 Michal:8 Pavel:6 Patrik:8
Dominik:8 Jakub:8 Kamil:8 Piotr:8 Krzysztof:6 Tomasz:8 Pawel:6 Mateusz:6 Adrian:6 Andrei:6
Ionut:4 Florin:4 Mihai:4 Daniel:6 Denis:6 Roman:6 Radek:4 Stefan:6 Vladimir:4 Dusan:4 Erik:6
Filip:6 Oliver:4 Samuel:6 Tadeusz:2 Mindaugas:3 Darius:4 Rastislav:3 Ladislav:3 Frantisek:3
`;
const EAST_EUROPEAN_F = `
Maria:10 Anna:10 Jana:8 Monika:8 Katarina:8 Lucia:8 Veronika:8 Martina:8 Simona:8 Natalia:6
Agnieszka:6 Magdalena:6 Katarzyna:6 Joanna:6 Ewa:6 Aleksandra:6 Zuzana:6 Petra:6 Andrea:6
Ivana:6 Nikola:6 Denisa:6 Vanessa:6 Sofia:6 Ioana:4 Elena:6 Andreea:4 Alina:4 Daniela:6
Margareta:4 Renata:4 Helena:4 Viktoria:6 Klaudia:6 Dominika:6 Silvia:4 Erika:4 Gabriela:6
`;
const OTHER_M = `
Abdullahi:6 Emmanuel:8 Samuel:8 Daniel:6 David:6 Kwame:4 Chinedu:4 Tendai:4 Mustafa:8 Karwan:6
Rebin:4 Hemin:4 Dilan:4 Aram:6 Wei:4 Jun:4 Kofi:4 Joseph:6 Tafadzwa:4 Oluwaseun:4 Ibrahim:6
Yusuf:6 Abdi:6 Mohamed:10 Omar:6 Amir:4 Mehmet:6 Hadi:4 Ahmad:6 Musa:4 Michael:4 Tinashe:4
`;
const OTHER_F = `
Grace:8 Blessing:6 Faith:6 Precious:6 Esther:6 Ruth:6 Chloe:4 Amina:6 Fatuma:4 Hodan:4 Sara:6
Shilan:4 Nasrin:4 Rozhin:4 Mei:4 Ling:4 Abena:4 Chiamaka:4 Tanaka:4 Rudo:4 Nyasha:4 Mercy:6
Joy:6 Patience:4 Deborah:4 Layla:6 Noor:4 Yasmin:4 Hawa:4 Miriam:4 Ayan:4 Elif:4
`;

const FORENAME_TEXT: Record<NameGroup, Record<Sex, Partial<Record<Era, string>>>> = {
  british: {
    M: { old: BRITISH_M_OLD, mid: BRITISH_M_MID, young: BRITISH_M_YOUNG },
    F: { old: BRITISH_F_OLD, mid: BRITISH_F_MID, young: BRITISH_F_YOUNG },
  },
  southAsian: { M: { mid: SOUTH_ASIAN_M }, F: { mid: SOUTH_ASIAN_F } },
  eastEuropean: { M: { mid: EAST_EUROPEAN_M }, F: { mid: EAST_EUROPEAN_F } },
  other: { M: { mid: OTHER_M }, F: { mid: OTHER_F } },
};

const forenameTables = new Map<string, WeightedTable<string>>();
const FORENAME_KEYS = (() => {
  const out = {} as Record<NameGroup, Record<Sex, Record<Era, string>>>;
  for (const g of ['british', 'southAsian', 'eastEuropean', 'other'] as const) {
    out[g] = { M: { old: '', mid: '', young: '' }, F: { old: '', mid: '', young: '' } };
    for (const s of ['M', 'F'] as const) for (const e of ['old', 'mid', 'young'] as const) out[g][s][e] = `${g}/${s}/${e}`;
  }
  return out;
})();

/** The forename table for a group, sex and birth year (British names follow the era). */
export function forenameTable(group: NameGroup, sex: Sex, birthYear: number): WeightedTable<string> {
  const era: Era = group !== 'british' ? 'mid' : birthYear < 1958 ? 'old' : birthYear < 1990 ? 'mid' : 'young';
  const key = FORENAME_KEYS[group][sex][era];
  let table = forenameTables.get(key);
  if (!table) {
    const text = FORENAME_TEXT[group][sex][era];
    if (!text) throw new Error(`names: no forenames for ${key}`);
    table = weightedTable(parseWeighted(text));
    forenameTables.set(key, table);
  }
  return table;
}

/** Every forename the generator can produce, by sex (for tests and the report). */
export function allForenames(sex: Sex): string[] {
  const seen = new Set<string>();
  for (const group of Object.values(FORENAME_TEXT)) {
    for (const text of Object.values(group[sex])) {
      if (text) for (const [name] of parseWeighted(text)) seen.add(name);
    }
  }
  return [...seen];
}

// ---------------------------------------------------------------------------------------------
// Surnames. 'Masculine|Feminine' marks surnames with gendered forms.

const BRITISH_SURNAMES = `
Smith:100 Jones:45 Taylor:55 Brown:50 Wilson:40 Johnson:35 Walker:45 Wright:40 Robinson:35
Thompson:38 White:28 Hughes:22 Edwards:20 Green:28 Hall:35 Wood:35 Harris:22 Clarke:28
Jackson:32 Turner:25 Hill:30 Lee:28 Shaw:30 Roberts:25 Ward:25 Cooper:22 Moore:20 King:18
Baker:18 Harrison:20 Morgan:12 Allen:16 Mitchell:14 Bell:15 Marshall:16 Bailey:14 Parker:14
Atkinson:15 Stephenson:12 Holmes:14 Barker:16 Hudson:12 Cook:18 Kelly:14 Martin:18 Chapman:12
Booth:15 Fletcher:13 Ellis:12 Dawson:12 Lockwood:8 Hague:6 Ibbotson:6 Ackroyd:5 Birch:6 Brook:6
Beever:4 Crossley:6 Dyson:8 Haigh:8 Hirst:8 Hinchliffe:6 Marsden:8 Sykes:8 Whiteley:6 Priestley:5
Firth:8 Ramsden:6 Senior:6 Shackleton:4 Pickles:4 Greenwood:10 Sutcliffe:6 Hargreaves:6 Mellor:8
Hepworth:5 Swift:6 Cawthorne:4 Staniforth:4 Ashworth:5 Bramall:4 Platts:5 Hodgson:8 Hobson:7
Ellison:5 Froggatt:4 Revill:4 Wragg:5 Murphy:10 O'Brien:7 O'Connor:5 McDonald:6 Doyle:5 Walsh:7
Ryan:5 Byrne:4 Campbell:7 Stewart:6 Robertson:5 MacDonald:3 Henderson:5 Fraser:4 Davies:18
Evans:16 Williams:30 Thomas:16 Lewis:14 Griffiths:10 Price:9 Jenkins:9 Palmer:9 Mason:10
Rogers:9 Fox:8 Knight:8 Webb:9 Hunt:9 Gray:8 Simpson:10 Spencer:9 Lawrence:7 Watson:16
Wells:6 Young:12 Scott:12 Pearson:10 Stone:6 Armstrong:8 Lambert:6 Barnes:9 Dixon:10
Richardson:12 Gibson:8 Burton:9 Lloyd:8 Carter:11 Cox:8 Russell:7 Owen:7 Powell:6 Howard:8
Fisher:7 Butler:8 Andrews:7 Barlow:6 Bennett:10 Bradley:6 Briggs:6 Brooks:6 Buckley:5
Chambers:6 Cartwright:6 Crawford:4 Dobson:6 Dunn:5 Elliott:6 Foster:8 Gill:6 Goodwin:5
Graham:6 Hancock:5 Hardy:6 Hartley:6 Hewitt:5 Holland:5 Holt:6 Horner:4 Hutchinson:6 Jarvis:5
Johnston:5 Kay:5 Kirk:5 Lowe:6 Mann:5 Matthews:6 Mills:7 Morris:10 Nicholson:6 Oliver:5
Parkin:5 Parkinson:6 Payne:5 Pollard:5 Pratt:4 Rhodes:6 Riley:6 Saunders:5 Sharp:6 Slater:6
Stevens:6 Storey:4 Sugden:4 Townsend:4 Tyler:4 Waller:4 Walton:6 Warburton:4 Waterhouse:5
Wainwright:6 Webster:7 Whitehead:6 Wilkinson:10 Woodhouse:5 Wray:4 Yates:6 Hodgkinson:4
Blackburn:5 Bamford:4 Beaumont:5 Cockayne:3 Dunkley:3 Eyre:4 Gledhill:4 Hallam:5 Hanson:5
Helliwell:3 Jagger:4 Kenworthy:3 Lindley:4 Mottram:3 Needham:4 Oldfield:4 Rowbotham:3 Stacey:4
Thorpe:5 Utley:3 Vickers:4 Wadsworth:3 Whitworth:4 Wigglesworth:2 Wild:4 Woodward:5
`;
const SOUTH_ASIAN_SURNAMES = `
Khan:90 Hussain:60 Ali:50 Ahmed:45 Akhtar:20 Iqbal:20 Mahmood:20 Rehman:12 Rahman:10 Shah:15
Aslam:10 Bashir:10 Javed:8 Akram:8 Riaz:8 Sadiq:6 Nawaz:8 Saleem:6 Hanif:6 Rafiq:6 Yousaf:6
Zaman:5 Malik:10 Mirza:5 Latif:5 Hameed:5 Anwar:6 Arshad:5 Ashraf:5 Qureshi:5 Butt:5
Chaudhry:5 Patel:8 Mahmud:3 Hussein:3 Ahmad:4 Rashid:5 Siddique:4 Ismail:5 Ayub:4
`;
/** Surnames South Asian heritage women often hold independently of a husband's. */
const SOUTH_ASIAN_FEMALE_SURNAMES = `Begum:30 Bibi:15 Akhtar:12 Kausar:6 Parveen:5 Sultana:5`;
const EAST_EUROPEAN_SURNAMES = `
Horváth|Horváthová:10 Horvath|Horvathova:8 Balog|Balogová:8 Kováč|Kováčová:6 Kovac|Kovacova:6
Lakatos|Lakatošová:5 Lacko|Lacková:5 Oláh|Oláhová:5 Gunar|Gunárová:3 Sivák|Siváková:3
Kowalski|Kowalska:6 Nowak:8 Wiśniewski|Wiśniewska:5 Wojcik:5 Kaminski|Kaminska:5
Lewandowski|Lewandowska:5 Zieliński|Zielińska:4 Szymański|Szymańska:4 Dąbrowski|Dąbrowska:4
Popescu:4 Ionescu:3 Popa:4 Stan:3 Dumitru:3 Kazlauskas:2 Novák|Nováková:4 Dvořák|Dvořáková:3
Tóth|Tóthová:4 Gaži|Gažiová:3 Pokuta|Pokutová:2 Červeňák|Červeňáková:3
`;
const OTHER_SURNAMES = `
Osman:6 Abdi:6 Mohamed:8 Okafor:4 Adeyemi:4 Mensah:4 Moyo:5 Ncube:4 Hama:5 Ahmadi:5 Karimi:5
Rashid:4 Ibrahim:6 Yilmaz:5 Wang:4 Li:4 Chen:4 Zhang:3 Nguyen:4 Tran:3 Ali:5 Hassan:5 Musa:4
Okonkwo:3 Banda:4 Phiri:3 Mahmoud:4 Salih:3 Aziz:4 Demir:3
`;

export interface SurnameEntry {
  masculine: string;
  feminine: string;
}

function parseSurnames(text: string): [SurnameEntry, number][] {
  return parseWeighted(text).map(([name, w]) => {
    const [m, f] = name.split('|');
    return [{ masculine: m ?? name, feminine: f ?? m ?? name }, w];
  });
}

const SURNAME_TABLES: Record<NameGroup, WeightedTable<SurnameEntry>> = {
  british: weightedTable(parseSurnames(BRITISH_SURNAMES)),
  southAsian: weightedTable(parseSurnames(SOUTH_ASIAN_SURNAMES)),
  eastEuropean: weightedTable(parseSurnames(EAST_EUROPEAN_SURNAMES)),
  other: weightedTable(parseSurnames(OTHER_SURNAMES)),
};
export const SOUTH_ASIAN_FEMALE_SURNAME_TABLE: WeightedTable<SurnameEntry> = weightedTable(
  parseSurnames(SOUTH_ASIAN_FEMALE_SURNAMES),
);

export function surnameTable(group: NameGroup): WeightedTable<SurnameEntry> {
  return SURNAME_TABLES[group];
}

/** The surname form for a sex. */
export function surnameFor(entry: SurnameEntry, sex: Sex): string {
  return sex === 'F' ? entry.feminine : entry.masculine;
}

/** Heritage groups by share of households. */
export const GROUP_WEIGHTS: readonly (readonly [NameGroup, number])[] = [
  ['british', 82],
  ['southAsian', 9],
  ['eastEuropean', 5],
  ['other', 4],
];

// ---------------------------------------------------------------------------------------------
// Nicknames, diminutives and common alternative spellings / anglicised forms of a formal name.

const NICKNAME_TEXT = `
William=Bill,Will,Billy,Liam Robert=Bob,Rob,Bobby,Robbie Richard=Rich,Rick,Richie,Dick
James=Jim,Jimmy,Jamie John=Jack,Johnny Michael=Mick,Mike,Mickey Thomas=Tom,Tommy
Christopher=Chris Anthony=Tony Stephen=Steve Steven=Steve Matthew=Matt Daniel=Dan,Danny
Joseph=Joe,Joey Samuel=Sam,Sammy Benjamin=Ben,Benji Alexander=Alex,Xander Nicholas=Nick,Nicky
Andrew=Andy,Drew Edward=Ed,Eddie,Ted Frederick=Fred,Freddie Alfred=Alf,Alfie Harold=Harry
Henry=Harry,Hal Charles=Charlie,Chas Kenneth=Ken,Kenny Terence=Terry Raymond=Ray Ronald=Ron,Ronnie
Donald=Don Gerald=Gerry Leonard=Len,Lenny Lawrence=Larry,Laurie Jonathan=Jon,Jonny Timothy=Tim
Peter=Pete Philip=Phil David=Dave,Davey Patrick=Pat,Paddy Douglas=Doug Geoffrey=Geoff
Nathan=Nate Joshua=Josh Jacob=Jake Oliver=Ollie Callum=Cal Bradley=Brad Zachary=Zach
Archibald=Archie Theodore=Theo,Teddy Stanley=Stan Walter=Wally Albert=Bert,Albie Herbert=Bert
Frank=Frankie Maurice=Mo Clifford=Cliff Bernard=Bernie Cameron=Cam Reginald=Reg,Reggie
Margaret=Peggy,Maggie,Meg,Marge Elizabeth=Liz,Beth,Lizzie,Betty,Libby Catherine=Kate,Cathy,Cath
Katherine=Kate,Kathy,Katie Patricia=Pat,Trish,Patsy Susan=Sue,Suzy Jennifer=Jenny,Jen
Rebecca=Becky,Becca Victoria=Vicky,Tori Samantha=Sam,Sammy Deborah=Debbie,Deb
Christine=Chris,Chrissie Jacqueline=Jackie Kimberley=Kim Nicola=Nicky,Nikki Amanda=Mandy
Alexandra=Alex,Lexi Charlotte=Lottie,Charlie Abigail=Abbie,Abby Jessica=Jess,Jessie
Danielle=Dani Gillian=Gill,Jill Dorothy=Dot,Dolly Kathleen=Kath,Kathy Josephine=Jo,Josie
Joanne=Jo Joanna=Jo Frances=Fran Florence=Flo,Florrie Isabella=Bella,Izzy Amelia=Millie
Eleanor=Ellie,Nell Natalie=Nat Stephanie=Steph Sandra=Sandy Pamela=Pam Valerie=Val
Barbara=Babs Matilda=Tilly Georgia=Georgie Madison=Maddie Evelyn=Evie Olivia=Liv,Livvy
Sophia=Sophie Winifred=Winnie Mavis=Mave Veronica=Ronnie Jean=Jeannie Lilian=Lily
Mohammed=Muhammad,Mohammad,Mohamed,Mohd,Mo Muhammad=Mohammed,Mohammad,Mohd
Mohammad=Mohammed,Muhammad Mohamed=Mohammed,Mohamud Hussain=Hussein Ayesha=Aisha
Aisha=Ayesha Fatima=Fatimah Yusuf=Yousaf,Yusef Maryam=Mariam Abdul=Abdel Imran=Immy
Zainab=Zaynab Ibrahim=Ebrahim Usman=Osman Khadija=Khadijah
Aleksandra=Ola,Alexandra Katarzyna=Kasia,Kate Tomasz=Tomek,Tom Jozef=Joseph,Joe Piotr=Peter
Jan=John Pawel=Paul Krzysztof=Chris Michal=Michael Jakub=Jacob,Kuba Lukas=Luke Tomas=Tom
Katarina=Katy Zuzana=Zuzka,Susan Veronika=Veronica Magdalena=Magda Agnieszka=Agnes
Emmanuel=Manny Oluwaseun=Seun Abdullahi=Abdi Chiamaka=Amaka Tafadzwa=Tafa
`;

export const NICKNAMES: ReadonlyMap<string, readonly string[]> = (() => {
  const map = new Map<string, string[]>();
  for (const token of NICKNAME_TEXT.split(/\s+/)) {
    if (!token) continue;
    const [formal, list] = token.split('=');
    if (!formal || !list) throw new Error(`names: bad nickname entry ${token}`);
    map.set(formal, list.split(','));
  }
  return map;
})();

// ---------------------------------------------------------------------------------------------
// Titles

export function titleFor(sex: Sex, age: number, married: boolean, pick: number): string {
  if (sex === 'M') return age < 16 ? 'Master' : 'Mr';
  if (age < 16) return 'Miss';
  if (married) return pick < 0.85 ? 'Mrs' : 'Ms';
  return pick < 0.5 ? 'Miss' : 'Ms';
}

// ---------------------------------------------------------------------------------------------
// The invented borough

export const BOROUGH_NAME = 'Wexthorpe';
export const COUNCIL_NAME = 'Wexthorpe Metropolitan Borough Council (synthetic demo)';
/** Local authority number used in UPNs (3 digits, a valid DfE LA code). */
export const LA_NUMBER = '372';
/** Other LA numbers for pupils first registered elsewhere. */
export const OTHER_LA_NUMBERS = ['370', '371', '373', '350', '380', '381', '383', '384'];

export interface Town {
  name: string;
  /** Outward codes used in this town and their relative sizes. */
  outward: readonly (readonly [string, number])[];
  weight: number;
}

export const TOWNS: readonly Town[] = [
  {
    name: 'Wexthorpe',
    outward: [
      ['S60', 4],
      ['S61', 3],
      ['S65', 4],
    ],
    weight: 45,
  },
  {
    name: 'Thrawmoor',
    outward: [
      ['S62', 2],
      ['S63', 3],
    ],
    weight: 20,
  },
  { name: 'Askerby', outward: [['S66', 1]], weight: 15 },
  { name: 'Lyndholme', outward: [['S25', 1]], weight: 10 },
  { name: 'Kelsworth', outward: [['S26', 1]], weight: 10 },
];

export const STREET_PREFIXES = `
Alder Ashcroft Bracken Brindle Carr Cinder Clough Coalpit Copper Corn Croft Elm Fern Flint Forge
Foundry Fox Furnace Gorse Hazel Heather Hollin Holly Ings Kiln Lark Linden Lynd Maple Marl Meadow
Mill Moor Oak Orchard Osier Pinfold Quarry Raven Rook Rowan Rush Sandy Sedge Sorrel Spring Staith
Stone Thorn Throstle Tinker Wain Well Willow Wren Yew Beck Bridle Colliery Heron Kestrel Swallow
Lapwing Curlew Bramble Teasel Thistle Clover Barley Oat Rye Tansy Sallow Birch Poplar Laurel
Juniper Hawthorn Blackthorn Chestnut Walnut Cedar Larch Aspen Hornbeam Damson Quince Medlar
Tanner Cooper Weaver Collier Miller Ostler Chandler Carter Wheeler Mason Glover Fuller Dyer
Goose Badger Otter Hare Coney Ridding Slack Royd Shaw Holme Garth Booth Brow Knoll Tor Fold
`;
export const STREET_SUFFIXES = `
_:6 field:5 bank:3 croft:3 dale:3 gate:2 hurst:2 lea:2 ley:2 wood:3 side:2 holme:1 brook:2 royd:1
cliffe:1 ton:2 by:1 stead:1 garth:1 well:1 moor:1 acre:1
`;
export const STREET_TYPES = `
Road:30 Street:22 Avenue:12 Close:12 Crescent:8 Way:6 Lane:8 Drive:8 Grove:6 Court:4 Terrace:5
View:3 Walk:3 Place:3 Rise:3 Gardens:3 Mews:1 Green:2 Row:2 Hill:2
`;

export function streetPrefixes(): string[] {
  return STREET_PREFIXES.split(/\s+/).filter(Boolean);
}
export function streetSuffixTable(): WeightedTable<string> {
  return weightedTable(parseWeighted(STREET_SUFFIXES).map(([s, w]) => [s === ' ' ? '' : s, w]));
}
export function streetTypeTable(): WeightedTable<string> {
  return weightedTable(parseWeighted(STREET_TYPES));
}

/** Usual abbreviations of street types (police and older systems shorten them). */
export const STREET_TYPE_ABBREVIATIONS: Readonly<Record<string, string>> = {
  Road: 'Rd',
  Street: 'St',
  Avenue: 'Ave',
  Close: 'Cl',
  Crescent: 'Cres',
  Lane: 'Ln',
  Drive: 'Dr',
  Grove: 'Gr',
  Court: 'Ct',
  Terrace: 'Terr',
  Place: 'Pl',
  Gardens: 'Gdns',
};

/** Letters allowed in the inward part of a postcode (unit letters never use C I K M O V). */
export const INWARD_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';

/** Words for invented school names. */
export const SCHOOL_WORDS = `
Park Valley Meadow Brook Castle Oakwood Riverside Hilltop Greenfield Westgate Eastfield Northcliffe
Southgate Millfield Kilnfield Springwell Fernlea Hollybank Ashdale Woodlands Ravenscroft Larkrise
`;
