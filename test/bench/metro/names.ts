// Naming customs of an inner-London borough. A person's name is held as its parts as the family
// uses them (given names and family names in their own order), and each agency writes it one of
// the ways real systems do: three-part Somali names cut at different places, double surnames kept
// whole, hyphenated or halved, surname-first names swapped, accents kept or dropped.
import type { Random } from './random.js';

export type Heritage = 'british' | 'caribbean' | 'somali' | 'eritrean' | 'west-african' | 'turkish-kurdish' | 'hispanic' | 'lusophone' | 'chinese' | 'vietnamese' | 'east-european';
export type Sex = 'F' | 'M';

export const HERITAGES: ReadonlyArray<readonly [Heritage, number]> = [
  ['british', 27],
  ['caribbean', 6],
  ['somali', 11],
  ['west-african', 12],
  ['turkish-kurdish', 10],
  ['hispanic', 6],
  ['lusophone', 4],
  ['chinese', 4],
  ['vietnamese', 4],
  ['eritrean', 5],
  ['east-european', 11],
];

/** One way of writing a name in a system's three fields. */
export interface Written {
  forename: string;
  middle: string;
  surname: string;
}

/** A name as its bearer's family uses it. */
export interface NameCore {
  heritage: Heritage;
  sex: Sex;
  given: string[];
  /** family-name parts: a Somali's father's and grandfather's names, a Spanish speaker's two surnames */
  family: string[];
  /** the forename they go by where it is not the first given name (an English name, a short form) */
  knownAs?: string;
}

const L = (s: string): string[] => s.split(' ');

const FORENAMES: Record<Heritage, Record<Sex, string[]>> = {
  british: {
    M: L('Jack Harry Thomas James George Oliver Charlie Daniel Ryan Liam Connor Callum Kieran Jamie Lewis Reece Tyler Mason Alfie Archie Leo Michael Paul Mark Lee Dean Craig Stephen Gary Darren'),
    F: L('Emily Jessica Chloe Sophie Olivia Amelia Lily Ellie Grace Mia Megan Lauren Courtney Jade Kayleigh Shannon Stacey Kelly Lisa Sarah Claire Michelle Nicola Donna Tracey Karen Leanne Amy Holly Poppy'),
  },
  caribbean: {
    M: L('Andre Marcus Jermaine Tyrone Delroy Leon Winston Errol Kareem Jahmal Ricardo Devon Shane Nathaniel Jerome'),
    F: L('Shanice Tanisha Keisha Marcia Jasmine Chantelle Simone Latoya Sharon Yvonne Beverley Aaliyah Janelle Monique Carla'),
  },
  somali: {
    M: L('Abdi Mohamed Ahmed Hassan Omar Abdullahi Yusuf Ali Ismail Mahad Liban Guled Abdirahman Said Jama Osman Hussein Aden Dahir Musa Abdikarim Bashir Khalid Sharmarke'),
    F: L('Hodan Fadumo Amina Sahra Ayaan Hibo Ifrah Nimco Sagal Ubah Khadra Muna Deeqa Fartun Halima Asha Ladan Idil Hamdi Sumaya Anisa Filsan'),
  },
  eritrean: {
    M: L('Tesfay Yonas Dawit Samuel Berhane Mehari Kidane Habtom Filmon Yohannes Mussie Tekle Goitom Haile Amanuel Robel Natnael Biniam Efrem'),
    F: L('Senait Helen Selam Luwam Rahwa Yordanos Saba Hiwet Lidya Tsega Mebrat Feven Winta Eden Ruth Semhar Abeba'),
  },
  'west-african': {
    M: L('Oluwaseun Olumide Babatunde Adebayo Oluwatobi Ayodele Femi Chinedu Emeka Obinna Kwame Kofi Kwabena Yaw Ikenna Tochukwu Kayode'),
    F: L('Folasade Oluwakemi Funmilayo Adeola Yewande Temitope Bukola Chiamaka Ngozi Adaeze Chioma Nkechi Akosua Ama Abena Efua Adjoa Ifeoma'),
  },
  'turkish-kurdish': {
    M: L('Mehmet Mustafa Ahmet Ali Hüseyin Hasan İbrahim Murat Emre Yusuf Kemal Serkan Azad Rojhat Baran Deniz Cem Erdem Volkan Şerif'),
    F: L('Ayşe Fatma Emine Hatice Zeynep Elif Meryem Gül Şule Rojda Berivan Dilan Nurcan Özlem Sevgi Derya Gülşen Songül Esra'),
  },
  hispanic: {
    M: L('José Juan Carlos Luis Jorge Andrés Diego Alejandro Mateo Santiago Miguel Fernando Julián Sebastián Camilo'),
    F: L('María Ana Lucía Carmen Valentina Camila Daniela Gabriela Isabel Mariana Paola Sofía Ximena Catalina Natalia'),
  },
  lusophone: {
    M: L('João Pedro Lucas Gabriel Rafael Thiago Bruno Tiago Gonçalo Rodrigo Vinícius Matheus Diogo'),
    F: L('Ana Beatriz Juliana Fernanda Larissa Letícia Inês Mariana Camila Bruna Raquel Joana Carolina'),
  },
  chinese: {
    M: L('Wei Jun Hao Jian Ming Lei Tao Yong Qiang Bo Hui Chen Kai Feng'),
    F: L('Mei Li Xiu Ying Hua Yan Jing Lan Fang Xin Yue Ling Qing Hong'),
  },
  vietnamese: {
    M: L('Minh Hung Tuan Duc Nam Quang Long Hai Dung Thanh Khoa Phuc Son Vinh'),
    F: L('Linh Lan Hoa Mai Thu Huong Ngoc Trang Phuong Hanh Nga Thao Yen Vy'),
  },
  'east-european': {
    M: L('Andrei Ionuț Mihai Alexandru Florin Gabriel Marius Georgi Ivan Dimitar Nikolay Petar Stefan Krasimir Bogdan Cristian'),
    F: L('Elena Ioana Maria Andreea Mihaela Cristina Alina Ivanka Desislava Tsvetelina Gergana Radostina Simona Denisa Petya'),
  },
};

const ENGLISH_GIVEN: Record<Sex, string[]> = {
  M: L('David Samuel Daniel Joseph Emmanuel Michael Peter Victor Stephen Isaac Solomon Godwin Kevin Jason Tony'),
  F: L('Grace Blessing Esther Deborah Joy Favour Precious Victoria Mercy Comfort Patience Elizabeth Jenny Amy Lucy'),
};

const SURNAMES: Partial<Record<Heritage, string[]>> = {
  british: L('Smith Jones Williams Brown Taylor Davies Wilson Evans Thomas Johnson Roberts Walker Wright Robinson Thompson White Hughes Edwards Green Hall Wood Harris Lewis Martin Jackson Clarke Clark Turner Hill Scott Cooper Morris Ward Moore King Watson Baker Harrison Morgan Patel Young Allen Mitchell James Anderson Phillips Lee Bell Parker Davis Kelly Murphy Murray Doyle Byrne Fitzgerald Sullivan Quinn'),
  caribbean: L('Campbell Brown Williams Francis Reid Grant Thompson Morgan Clarke Bailey Henry Richards Lewis Gordon Powell Edwards Samuels Johnson Forbes Spencer'),
  'west-african': L('Adeyemi Okafor Okonkwo Adebayo Ogunleye Balogun Eze Nwosu Mensah Boateng Asante Owusu Osei Agyeman Appiah Oyelaran Adewale Afolabi Bello Oladipo Chukwu Obi Akinola Oyewole Danso'),
  'turkish-kurdish': L('Yılmaz Kaya Demir Şahin Çelik Yıldız Yıldırım Öztürk Aydın Özdemir Arslan Doğan Kılıç Aslan Çetin Kara Koç Kurt Özkan Polat Bozkurt Tekin Güler Akın'),
  hispanic: L('García Rodríguez López Martínez González Hernández Pérez Sánchez Ramírez Torres Flores Vargas Castillo Morales Gómez Díaz Ruiz Jiménez Herrera Medina Cárdenas Ortiz'),
  lusophone: L('Silva Santos Oliveira Souza Pereira Costa Ferreira Almeida Rodrigues Lima Carvalho Gomes Ribeiro Martins Araújo Barbosa Rocha Fernandes'),
  chinese: L('Chen Li Wang Zhang Liu Yang Huang Zhao Wu Zhou Lin Lam Wong Chan Cheung Ng Ho Tang'),
  vietnamese: L('Nguyen Nguyen Nguyen Tran Tran Le Pham Hoang Huynh Phan Vu Vo Dang Bui Do Ngo Duong Ly'),
  'east-european': L('Popescu Ionescu Popa Constantin Stan Dumitru Munteanu Stoica Rusu Moldovan Ivanov Georgiev Dimitrov Petrov Nikolov Stoyanov Todorov Angelov Kolev Marinov'),
};

/** Spellings the same name takes in different hands (Somali orthography, transliterations). */
const SPELLINGS: Record<string, string[]> = {
  Mohamed: ['Mohammed', 'Maxamed', 'Mohamad'],
  Abdi: ['Cabdi'],
  Ahmed: ['Axmed', 'Ahmad'],
  Hussein: ['Xuseen', 'Husein'],
  Abdullahi: ['Cabdullaahi', 'Abdilahi'],
  Hassan: ['Xasan', 'Hasan'],
  Omar: ['Cumar', 'Umar'],
  Ali: ['Cali'],
  Yusuf: ['Yusef', 'Yuusuf'],
  Osman: ['Cusmaan', 'Othman'],
  Fadumo: ['Faduma', 'Fatuma'],
  Sahra: ['Sahro', 'Zahra'],
  Khadra: ['Qadra'],
  Halima: ['Xaliimo', 'Halimo'],
  Abdirahman: ['Abdurahman', 'Cabdiraxmaan'],
  Abdikarim: ['Abdulkarim'],
  Tesfay: ['Tesfai', 'Tesfaye'],
  Yohannes: ['Yohanes', 'Johannes'],
  Haile: ['Hayle'],
  Tekle: ['Teklay'],
  Mussie: ['Musie'],
  Goitom: ['Goitum'],
  Senait: ['Senayt'],
  Tsega: ['Tsegga'],
  Oluwaseun: ['Seun'],
  Oluwatobi: ['Tobi'],
  Oluwakemi: ['Kemi'],
  Babatunde: ['Tunde'],
  Funmilayo: ['Funmi'],
  Mensah: ['Mensa'],
  Tsvetelina: ['Cvetelina', 'Tsvetalina'],
  Georgi: ['Georgiy', 'George'],
  Nikolay: ['Nikolai'],
  Huynh: ['Huynn'],
};

const ASCII: Record<string, string> = { ı: 'i', İ: 'I', ş: 's', Ş: 'S', ğ: 'g', ç: 'c', Ç: 'C', ö: 'o', Ö: 'O', ü: 'u', Ü: 'U', ț: 't', ș: 's', ă: 'a', â: 'a', î: 'i' };
/** What a system without accents keeps: Şahin → Sahin, José → Jose. */
export const plain = (s: string): string =>
  s
    .replace(/[ıİşŞğçÇöÖüÜțșăâî]/g, (c) => ASCII[c] ?? c)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');

export const respell = (r: Random, s: string): string => {
  const alts = SPELLINGS[s];
  return alts ? r.pick(alts) : s;
};

const surname = (r: Random, h: Heritage): string => r.skewed(SURNAMES[h] ?? (SURNAMES.british as string[]));
export const forename = (r: Random, h: Heritage, sex: Sex): string => r.pick(FORENAMES[h][sex]);

/** Bulgarian women's surnames take -a (Ivanov → Ivanova); Romanian ones do not change. */
const feminine = (s: string, sex: Sex): string => (sex === 'F' && /(ov|ev)$/.test(s) ? `${s}a` : s);
const masculine = (s: string): string => s.replace(/(ov|ev)a$/, '$1');

/** An adult founding a household (not named after anyone in it). */
export function adultName(r: Random, h: Heritage, sex: Sex): NameCore {
  const own = forename(r, h, sex);
  switch (h) {
    case 'somali':
    case 'eritrean':
      return { heritage: h, sex, given: [own], family: [forename(r, h, 'M'), forename(r, h, 'M')] };
    case 'west-african': {
      const english = r.pick(ENGLISH_GIVEN[sex]);
      const given = r.chance(0.5) ? [english, own] : [own, english];
      return { heritage: h, sex, given, family: [surname(r, h)], knownAs: r.chance(0.3) ? given[1] : undefined };
    }
    case 'hispanic':
      return { heritage: h, sex, given: r.chance(0.35) ? [own, forename(r, h, sex)] : [own], family: [surname(r, h), surname(r, h)] };
    case 'lusophone':
      return { heritage: h, sex, given: r.chance(0.4) ? [own, forename(r, h, sex)] : [own], family: [surname(r, h), surname(r, h)] };
    case 'chinese': {
      const given = r.chance(0.6) ? [`${own}${forename(r, h, sex).toLowerCase()}`] : [own];
      return { heritage: h, sex, given, family: [surname(r, h)], knownAs: r.chance(0.25) ? r.pick(ENGLISH_GIVEN[sex]) : undefined };
    }
    case 'vietnamese':
      return { heritage: h, sex, given: [sex === 'F' ? 'Thi' : 'Van', own], family: [surname(r, h)] };
    case 'turkish-kurdish':
      return { heritage: h, sex, given: r.chance(0.2) ? [own, forename(r, h, sex)] : [own], family: [surname(r, h)] };
    case 'east-european':
      return { heritage: h, sex, given: r.chance(0.15) ? [own, forename(r, h, sex)] : [own], family: [feminine(surname(r, h), sex)] };
    default:
      return { heritage: h, sex, given: r.chance(0.5) ? [own, forename(r, h, sex)] : [own], family: [surname(r, h)] };
  }
}

/** A wife taking her husband's name, as her heritage's custom has it; her old name is returned. */
export function marry(r: Random, wife: NameCore, husband: NameCore): NameCore | null {
  const take: Partial<Record<Heritage, number>> = { british: 0.7, caribbean: 0.6, 'west-african': 0.85, 'turkish-kurdish': 0.8, 'east-european': 0.8, lusophone: 0.3 };
  if (!r.chance(take[wife.heritage] ?? 0)) return null;
  const before = { ...wife, family: [...wife.family] };
  if (wife.heritage === 'lusophone') wife.family = [...wife.family, husband.family.at(-1) as string];
  else wife.family = [feminine(masculine(husband.family.at(-1) as string), wife.sex)];
  return before;
}

/** A child's name from its parents' (the father may live elsewhere or be unknown). */
export function childName(r: Random, h: Heritage, sex: Sex, mother: NameCore | null, father: NameCore | null, married: boolean): NameCore {
  const own = forename(r, h, sex);
  const dad = father ?? adultName(r, h, 'M');
  const mum = mother ?? adultName(r, h, 'F');
  switch (h) {
    case 'somali':
      return { heritage: h, sex, given: [own], family: [dad.given[0] as string, dad.family[0] as string] };
    case 'eritrean':
      return { heritage: h, sex, given: [own], family: [dad.given[0] as string, dad.family[0] as string] };
    case 'hispanic':
      return { heritage: h, sex, given: r.chance(0.3) ? [own, forename(r, h, sex)] : [own], family: [dad.family[0] as string, mum.family[0] as string] };
    case 'lusophone':
      return { heritage: h, sex, given: r.chance(0.3) ? [own, forename(r, h, sex)] : [own], family: [mum.family.at(-1) as string, dad.family.at(-1) as string] };
    case 'west-african': {
      const english = r.pick(ENGLISH_GIVEN[sex]);
      return { heritage: h, sex, given: r.chance(0.5) ? [english, own] : [own, english], family: [...dad.family] };
    }
    case 'vietnamese':
      return { heritage: h, sex, given: [sex === 'F' ? 'Thi' : 'Van', own], family: [...dad.family] };
    case 'chinese':
      return { heritage: h, sex, given: [r.chance(0.5) ? `${own}${forename(r, h, sex).toLowerCase()}` : own], family: [...dad.family], knownAs: r.chance(0.4) ? r.pick(ENGLISH_GIVEN[sex]) : undefined };
    case 'east-european':
      return { heritage: h, sex, given: [own], family: [feminine(masculine(dad.family[0] as string), sex)] };
    default: {
      // British and Caribbean: the father's name when married, else the mother's, his or both
      const his = dad.family.at(-1) as string;
      const hers = (mother ?? mum).family.at(-1) as string;
      const family = married ? [his] : r.weighted<string[]>([[[his], 45], [[hers], 40], [[`${hers}-${his}`], 15]]);
      return { heritage: h, sex, given: r.chance(0.45) ? [own, forename(r, h, sex)] : [own], family };
    }
  }
}

/**
 * The ways a name is written across systems, the legal form first. Agencies mostly keep the
 * legal form; the others are what a different clerk, form or system makes of the same name.
 */
export function writings(n: NameCore): Written[] {
  const [g0 = '', ...gs] = n.given;
  const rest = gs.join(' ');
  const fam = n.family;
  switch (n.heritage) {
    case 'somali': {
      const [f = '', g = ''] = fam;
      return [
        { forename: g0, middle: f, surname: g },
        { forename: g0, middle: '', surname: `${f} ${g}` },
        { forename: `${g0} ${f}`, middle: '', surname: g },
        { forename: g0, middle: g, surname: f },
        { forename: g0, middle: '', surname: f },
      ];
    }
    case 'eritrean': {
      const [f = '', g = ''] = fam;
      return [
        { forename: g0, middle: '', surname: f },
        { forename: g0, middle: f, surname: g },
        { forename: g0, middle: '', surname: `${f} ${g}` },
      ];
    }
    case 'hispanic': {
      const [p = '', m = ''] = fam;
      return [
        { forename: g0, middle: rest, surname: `${p} ${m}` },
        { forename: g0, middle: rest, surname: p },
        { forename: g0, middle: rest, surname: `${p}-${m}` },
        { forename: g0, middle: [rest, p].filter(Boolean).join(' '), surname: m },
        { forename: [g0, rest].filter(Boolean).join(' '), middle: '', surname: `${p} ${m}` },
      ];
    }
    case 'lusophone': {
      const last = fam.at(-1) as string;
      const before = fam.slice(0, -1).join(' ');
      return [
        { forename: g0, middle: [rest, before].filter(Boolean).join(' '), surname: last },
        { forename: g0, middle: rest, surname: fam.join(' ') },
        { forename: g0, middle: rest, surname: fam.join('-') },
        { forename: g0, middle: rest, surname: fam[0] as string },
      ];
    }
    case 'chinese': {
      const f = fam[0] as string;
      const split = g0.replace(/^([A-Z][a-z]+?)([a-z]+)$/, (_, a: string, b: string) => `${a}-${b[0]?.toUpperCase()}${b.slice(1)}`);
      return [
        { forename: g0, middle: '', surname: f },
        { forename: f, middle: '', surname: g0 },
        { forename: split, middle: '', surname: f },
        { forename: split.replace('-', ' '), middle: '', surname: f },
      ];
    }
    case 'vietnamese': {
      const f = fam[0] as string;
      const [mid = '', own = ''] = n.given;
      return [
        { forename: own, middle: mid, surname: f },
        { forename: `${mid} ${own}`, middle: '', surname: f },
        { forename: f, middle: mid, surname: own },
        { forename: own, middle: '', surname: f },
      ];
    }
    case 'west-african':
      return [
        { forename: g0, middle: rest, surname: fam[0] as string },
        { forename: rest, middle: g0, surname: fam[0] as string },
        { forename: g0, middle: '', surname: fam[0] as string },
      ];
    case 'turkish-kurdish':
      return [
        { forename: g0, middle: rest, surname: fam[0] as string },
        { forename: plain(g0), middle: plain(rest), surname: plain(fam[0] as string) },
        { forename: plain([g0, rest].join(rest ? ' ' : '')), middle: '', surname: plain(fam[0] as string) },
      ];
    case 'east-european':
      return [
        { forename: g0, middle: rest, surname: fam[0] as string },
        { forename: plain(g0), middle: plain(rest), surname: plain(fam[0] as string) },
        { forename: plain(g0), middle: '', surname: plain(masculine(fam[0] as string)) },
      ];
    default:
      return [
        { forename: g0, middle: rest, surname: fam.join('-') },
        { forename: g0, middle: '', surname: fam.join('-') },
        { forename: g0, middle: rest, surname: fam.join(' ') },
      ];
  }
}

/** A nickname or street name a police nominal is also known by. */
export function alias(r: Random, n: NameCore, w: Written): Written {
  const kind = r.int(0, 2);
  if (kind === 0) return { ...w, forename: r.pick(FORENAMES[n.heritage][n.sex]) };
  if (kind === 1) return { ...w, surname: surname(r, n.heritage) };
  return { forename: w.forename, middle: '', surname: r.pick(SURNAMES.british as string[]) };
}
