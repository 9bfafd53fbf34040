// Naming customs of the held-out borough: who a family is and how its members are named.
// Written for this model (not from the demo or the unseen model); the point is that members of
// one family often do NOT share a surname, in the ways a Greater Manchester borough sees.
import { pick, type Rand } from '../unseen/people.js';

export type Heritage = 'british' | 'irish' | 'pakistani' | 'bangladeshi' | 'sikh' | 'polish' | 'lithuanian' | 'romanian' | 'nigerian' | 'caribbean';

/** Shares of households by heritage (a borough like Oldham or Rochdale). */
export const HERITAGE_MIX: ReadonlyArray<readonly [Heritage, number]> = [
  ['british', 0.58], ['irish', 0.03], ['pakistani', 0.14], ['bangladeshi', 0.07], ['sikh', 0.03],
  ['polish', 0.05], ['lithuanian', 0.02], ['romanian', 0.03], ['nigerian', 0.03], ['caribbean', 0.02],
];

interface Pool {
  male: readonly string[];
  female: readonly string[];
  /** older generation's forenames where they differ */
  oldMale?: readonly string[];
  oldFemale?: readonly string[];
  surnames: readonly string[];
}

export const POOLS: Record<Heritage, Pool> = {
  british: {
    male: ['Jack', 'Harry', 'Oliver', 'Charlie', 'Alfie', 'Jacob', 'Riley', 'Tyler', 'Kai', 'Mason', 'Ethan', 'Liam', 'Callum', 'Jayden', 'Kian', 'Brandon', 'Lewis', 'Reece', 'Thomas', 'Joshua', 'Daniel', 'Ryan', 'Lee', 'Dean', 'Craig', 'Gary', 'Wayne', 'Darren', 'Carl', 'Jason', 'Paul', 'Mark', 'Stephen', 'Scott', 'Anthony', 'Christopher', 'Michael', 'Robert', 'James', 'William', 'Matthew', 'Nathan', 'Jordan', 'Kyle', 'Bailey', 'Archie', 'Freddie', 'Tommy', 'Leo', 'Theo'],
    female: ['Olivia', 'Amelia', 'Isla', 'Mia', 'Lily', 'Ruby', 'Poppy', 'Evie', 'Ella', 'Grace', 'Sophie', 'Chloe', 'Megan', 'Jessica', 'Lauren', 'Courtney', 'Shannon', 'Paige', 'Jade', 'Kayleigh', 'Stacey', 'Leanne', 'Gemma', 'Kerry', 'Lisa', 'Donna', 'Tracey', 'Michelle', 'Nicola', 'Joanne', 'Sarah', 'Emma', 'Rebecca', 'Laura', 'Danielle', 'Hayley', 'Charlotte', 'Amy', 'Holly', 'Millie', 'Summer', 'Skye', 'Tia', 'Macie', 'Lacey', 'Ellie', 'Katie', 'Abbie', 'Chelsea', 'Jodie'],
    oldMale: ['John', 'David', 'Peter', 'Brian', 'Keith', 'Alan', 'Kenneth', 'Derek', 'Terence', 'Barry', 'Graham', 'Trevor', 'Roy', 'Colin', 'Raymond', 'Frank'],
    oldFemale: ['Margaret', 'Susan', 'Patricia', 'Christine', 'Linda', 'Barbara', 'Sandra', 'Pauline', 'Jean', 'Carol', 'Brenda', 'Maureen', 'Sheila', 'Janet', 'Valerie', 'Irene'],
    surnames: ['Taylor', 'Smith', 'Jones', 'Brown', 'Wilson', 'Holt', 'Whitehead', 'Schofield', 'Ashworth', 'Greenwood', 'Butterworth', 'Kershaw', 'Lord', 'Howarth', 'Buckley', 'Mellor', 'Wood', 'Hall', 'Walker', 'Clarke', 'Jackson', 'Wright', 'Roberts', 'Thompson', 'Hughes', 'Evans', 'Shaw', 'Ogden', 'Heywood', 'Crossley', 'Fitton', 'Haworth', 'Barlow', 'Chadwick', 'Lees', 'Hilton', 'Pilling', 'Bamford', 'Whittaker', 'Entwistle', 'Hollows', 'Radcliffe', 'Tattersall', 'Hartley', 'Stott', 'Lomax', 'Clegg', 'Dawson', 'Marsden', 'Platt',
      'Williams', 'Davies', 'Johnson', 'Robinson', 'Wright', 'Thomas', 'White', 'Harris', 'Martin', 'Cooper', 'Ward', 'Morris', 'Moore', 'Lee', 'Harrison', 'Turner', 'Green', 'Baker', 'Adams', 'Parker', 'Cook', 'Bailey', 'Bell', 'Kelly', 'Allen', 'Young', 'King', 'Mitchell', 'Lewis', 'Phillips', 'Carter', 'Watson', 'Scott', 'Edwards', 'Richardson', 'Hill', 'Moss', 'Fletcher', 'Bennett', 'Booth', 'Brierley', 'Howard', 'Nuttall', 'Whitworth', 'Cropper', 'Ainsworth', 'Bradshaw', 'Rothwell', 'Duckworth', 'Hamer', 'Heap', 'Kenyon', 'Lord', 'Mather', 'Newton', 'Openshaw', 'Parkinson', 'Rigby', 'Sutcliffe', 'Tonge', 'Unsworth', 'Whittle', 'Yates', 'Ashton', 'Birch', 'Coupe', 'Dixon', 'Eccles', 'Fielding', 'Gee', 'Hague', 'Ingham', 'Jepson', 'Knowles', 'Leach', 'Mills', 'Nolan', 'Owen', 'Pickup', 'Quayle', 'Riley', 'Sharples', 'Travis', 'Uttley', 'Vickers', 'Wild', 'Andrew', 'Bolton', 'Cheetham', 'Dearden', 'Earnshaw', 'Fogg', 'Garside', 'Holden', 'Isherwood', 'Jagger', 'Kay', 'Lawton', 'Moorhouse', 'Nield', 'Orrell', 'Pollitt', 'Ramsden', 'Stansfield', 'Thorpe', 'Walmsley', 'Wolstenholme', 'Bottomley', 'Cunliffe', 'Dyson', 'Eastwood', 'Gaskell', 'Hulme', 'Jowett', 'Kirk', 'Lumb', 'Mellodew', 'Naylor', 'Oldfield', 'Pennington', 'Ramsbottom', 'Sykes', 'Tweedale', 'Wardle'],
  },
  irish: {
    male: ['Sean', 'Patrick', 'Liam', 'Conor', 'Declan', 'Ciaran', 'Niall', 'Aidan', 'Brendan', 'Kieran'],
    female: ['Siobhan', 'Niamh', 'Aoife', 'Ciara', 'Roisin', 'Mairead', 'Bridget', 'Orla', 'Sinead', 'Caoimhe'],
    surnames: ["O'Brien", "O'Connor", 'McCarthy', 'Murphy', 'Kelly', 'Doyle', "O'Neill", 'Byrne', 'Ryan', 'McDonagh', "O'Sullivan", 'Gallagher', 'Quinn', 'Connolly'],
  },
  pakistani: {
    male: ['Mohammed', 'Muhammad', 'Ali', 'Imran', 'Tariq', 'Asif', 'Zahid', 'Shahid', 'Amir', 'Adnan', 'Usman', 'Bilal', 'Hamza', 'Zain', 'Ayaan', 'Ibrahim', 'Yusuf', 'Haris', 'Rayyan', 'Musa', 'Abdul', 'Faisal', 'Kashif', 'Waqas', 'Naveed'],
    female: ['Ayesha', 'Fatima', 'Maryam', 'Zainab', 'Aisha', 'Hafsa', 'Khadija', 'Amina', 'Sana', 'Iqra', 'Anaya', 'Inaya', 'Zara', 'Hira', 'Mahnoor', 'Samina', 'Nazia', 'Shazia', 'Rubina', 'Shabana', 'Nasreen', 'Parveen', 'Rukhsana', 'Sadia', 'Humaira'],
    surnames: ['Khan', 'Hussain', 'Ali', 'Ahmed', 'Iqbal', 'Mahmood', 'Akhtar', 'Shah', 'Rashid', 'Butt', 'Malik', 'Riaz', 'Aslam', 'Javed', 'Mirza', 'Nawaz', 'Sadiq', 'Rehman', 'Younis', 'Bashir'],
  },
  bangladeshi: {
    male: ['Mohammed', 'Abdul', 'Shahid', 'Jamal', 'Kamal', 'Rahim', 'Anwar', 'Faruk', 'Shafiqul', 'Mizanur', 'Rayhan', 'Ayaan', 'Zakaria', 'Tanvir', 'Sabbir'],
    female: ['Rahima', 'Salma', 'Nasima', 'Shahana', 'Rina', 'Sufia', 'Jannat', 'Sumaiya', 'Tasnim', 'Maryam', 'Ruksana', 'Halima', 'Nusrat', 'Fahmida', 'Sultana'],
    surnames: ['Miah', 'Uddin', 'Islam', 'Rahman', 'Hoque', 'Ahmed', 'Ali', 'Choudhury', 'Hussain', 'Khatun', 'Begum', 'Karim', 'Alom', 'Mannan'],
  },
  sikh: {
    male: ['Harjit', 'Gurpreet', 'Jaswinder', 'Manjit', 'Kulwant', 'Baljit', 'Amrit', 'Harpreet', 'Jasdeep', 'Arjun', 'Ranveer', 'Gurveer', 'Sukhdev', 'Jagdeep'],
    female: ['Harpreet', 'Gurpreet', 'Jaswinder', 'Manjit', 'Kulwinder', 'Balvinder', 'Amrit', 'Simran', 'Navneet', 'Jasleen', 'Harleen', 'Mandeep', 'Rajinder', 'Sukhjit'],
    surnames: ['Gill', 'Sandhu', 'Sidhu', 'Dhillon', 'Grewal', 'Bains', 'Johal', 'Sahota', 'Bhatti', 'Virdi', 'Kang', 'Atwal'],
  },
  polish: {
    male: ['Piotr', 'Krzysztof', 'Tomasz', 'Pawel', 'Marcin', 'Michal', 'Lukasz', 'Jakub', 'Kacper', 'Szymon', 'Filip', 'Mateusz', 'Wojciech', 'Adam'],
    female: ['Anna', 'Katarzyna', 'Agnieszka', 'Magdalena', 'Joanna', 'Monika', 'Ewa', 'Zuzanna', 'Julia', 'Maja', 'Oliwia', 'Lena', 'Natalia', 'Aleksandra'],
    surnames: ['Kowalski', 'Wiśniewski', 'Lewandowski', 'Nowak', 'Wójcik', 'Kamiński', 'Zieliński', 'Szymański', 'Woźniak', 'Dąbrowski', 'Kozłowski', 'Mazur', 'Jankowski', 'Krawczyk'],
  },
  lithuanian: {
    male: ['Tomas', 'Mantas', 'Darius', 'Andrius', 'Lukas', 'Matas', 'Jonas', 'Paulius', 'Vytautas', 'Rokas'],
    female: ['Ieva', 'Greta', 'Rugilė', 'Laura', 'Agnė', 'Rasa', 'Jurgita', 'Kristina', 'Austėja', 'Emilija'],
    surnames: ['Kazlauskas', 'Jankauskas', 'Petrauskas', 'Stankevičius', 'Vasiliauskas', 'Žukauskas', 'Butkus', 'Paulauskas', 'Urbonas', 'Kavaliauskas'],
  },
  romanian: {
    male: ['Ionut', 'Andrei', 'Florin', 'Marian', 'Constantin', 'Gheorghe', 'Alexandru', 'David', 'Stefan', 'Mihai'],
    female: ['Maria', 'Elena', 'Ioana', 'Andreea', 'Florentina', 'Mihaela', 'Daria', 'Alexandra', 'Bianca', 'Denisa'],
    surnames: ['Popescu', 'Ionescu', 'Stan', 'Dumitru', 'Stoica', 'Gheorghe', 'Rusu', 'Munteanu', 'Lungu', 'Constantin', 'Radu', 'Dinu'],
  },
  nigerian: {
    male: ['Oluwaseun', 'Chinedu', 'Emeka', 'Tunde', 'Olumide', 'Ifeanyi', 'Babatunde', 'David', 'Samuel', 'Daniel', 'Tobi', 'Femi'],
    female: ['Oluwakemi', 'Chiamaka', 'Ngozi', 'Funmilayo', 'Adaeze', 'Temitope', 'Blessing', 'Grace', 'Esther', 'Favour', 'Precious', 'Yetunde'],
    surnames: ['Adeyemi', 'Okafor', 'Okonkwo', 'Balogun', 'Adebayo', 'Eze', 'Nwosu', 'Ogunleye', 'Afolabi', 'Obi', 'Oyelaran', 'Chukwu'],
  },
  caribbean: {
    male: ['Marcus', 'Jerome', 'Tyrone', 'Andre', 'Delroy', 'Winston', 'Leon', 'Kyle', 'Jaden', 'Malachi'],
    female: ['Marcia', 'Sharon', 'Paulette', 'Simone', 'Keisha', 'Tanisha', 'Janelle', 'Jada', 'Amara', 'Nia'],
    surnames: ['Campbell', 'Brown', 'Williams', 'Francis', 'Grant', 'Thomas', 'Reid', 'Morgan', 'Clarke', 'Bailey'],
  },
};

export const forenameFor = (rand: Rand, h: Heritage, sex: 'M' | 'F', age: number): string => {
  const pool = POOLS[h];
  if (age >= 55 && sex === 'M' && pool.oldMale) return pick(rand, pool.oldMale);
  if (age >= 55 && sex === 'F' && pool.oldFemale) return pick(rand, pool.oldFemale);
  return pick(rand, sex === 'M' ? pool.male : pool.female);
};

/** Polish and Lithuanian surnames change with sex and (Lithuanian) marriage. */
export function gendered(h: Heritage, surname: string, sex: 'M' | 'F', married: boolean): string {
  // each part of a double-barrelled name takes the form of its own language
  if (surname.includes('-')) return surname.split('-').map((part) => gendered(h, part, sex, married)).join('-');
  if (sex === 'M') return masculine(surname);
  if (/(sk|ck|dzk)i$/.test(surname)) return surname.replace(/i$/, 'a');
  if (h === 'lithuanian' && /(as|is|us|ys)$/.test(surname)) {
    const stem = surname.replace(/(as|is|us|ys)$/, '');
    if (surname.endsWith('ius')) return married ? `${surname.slice(0, -3)}ienė` : `${surname.slice(0, -3)}iūtė`;
    return married ? `${stem}ienė` : `${stem}aitė`;
  }
  return surname;
}

/** The masculine (dictionary) form of a Polish or Lithuanian surname. */
export const masculine = (surname: string): string => surname.replace(/(sk|ck|dzk)a$/, '$1i').replace(/(ienė|aitė)$/, 'as').replace(/iūtė$/, 'ius');

/** Letters a system without accents keeps: "Wiśniewska" → "Wisniewska", "Žukauskienė" → "Zukauskiene". */
export const plainLetters = (s: string): string =>
  s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/ł/g, 'l').replace(/Ł/g, 'L');

/** Spellings of one name a clerk may key instead (transliterations, not typos). */
export const SPELLINGS: Readonly<Record<string, readonly string[]>> = {
  Mohammed: ['Muhammad', 'Mohammad', 'Mohamed', 'Mohd', 'Muhammed'],
  Muhammad: ['Mohammed', 'Muhammed', 'Mohammad'],
  Hussain: ['Hussein', 'Husain'],
  Ahmed: ['Ahmad'],
  Rehman: ['Rahman'],
  Choudhury: ['Chowdhury', 'Choudhry'],
  Miah: ['Mia'],
  Aisha: ['Ayesha', 'Aysha'],
  Ayesha: ['Aisha'],
  Fatima: ['Fatimah'],
  Khadija: ['Khadijah'],
  Zainab: ['Zaynab'],
  Yusuf: ['Yousuf', 'Yousaf'],
  Ibrahim: ['Ebrahim'],
  Oluwaseun: ['Seun'],
  Oluwakemi: ['Kemi'],
  Babatunde: ['Tunde'],
  Funmilayo: ['Funmi'],
  Temitope: ['Tope'],
  Siobhan: ['Shivaun'],
  Niamh: ['Neve'],
  Pawel: ['Paul'],
  Piotr: ['Peter'],
  Krzysztof: ['Chris'],
  Tomasz: ['Tom'],
  Katarzyna: ['Kasia', 'Kate'],
  Aleksandra: ['Ola', 'Alex'],
  Jakub: ['Kuba'],
  Ionut: ['John'],
  Gheorghe: ['George'],
};

/** Short forms by which people are known. */
export const KNOWN_AS: Readonly<Record<string, readonly string[]>> = {
  Thomas: ['Tom', 'Tommy'], Joshua: ['Josh'], Daniel: ['Dan', 'Danny'], Christopher: ['Chris'], Michael: ['Mike', 'Mick'],
  Robert: ['Rob', 'Bob'], James: ['Jim', 'Jimmy'], William: ['Will', 'Billy'], Matthew: ['Matt'], Nathan: ['Nate'],
  Anthony: ['Tony', 'Ant'], Stephen: ['Steve'], Jacob: ['Jake'], Charlotte: ['Charlie', 'Lottie'], Rebecca: ['Becky', 'Becca'],
  Jessica: ['Jess'], Danielle: ['Dani'], Samantha: ['Sam'], Nicola: ['Nicky'], Joanne: ['Jo'], Margaret: ['Maggie', 'Peggy'],
  Patricia: ['Pat', 'Tricia'], Susan: ['Sue'], Christine: ['Chris'], Kenneth: ['Ken'], Terence: ['Terry'], Raymond: ['Ray'],
  Alexandra: ['Alex'], Elizabeth: ['Liz', 'Beth'], Abbie: ['Abigail'], Ellie: ['Eleanor'], Millie: ['Amelia'], Freddie: ['Frederick'],
  Alfie: ['Alfred'], Archie: ['Archibald'], Leo: ['Leon'], Theo: ['Theodore'],
};
