// Layouts the inner-London model of partner data (test/bench/metro) found read wrongly: each
// case is the smallest table that shows it, as a real system exports it.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFile } from '../../electron/engine/import/import-file.js';
import { silentJob } from '../../electron/engine/jobs/job-context.js';
import { Store } from '../../electron/engine/store/store.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs();

async function importText(name: string, content: string): Promise<Store> {
  const path = join(tempDir(), name);
  writeFileSync(path, content);
  const store = Store.openWithKey(join(tempDir(), 'baseline.db'), randomBytes(32), true);
  await importFile(store, path, { user: 't', today: '2026-11-20' }, silentJob());
  return store;
}
const records = (store: Store, columns: string): Array<Record<string, unknown>> => store.reader.prepare(`SELECT ${columns} FROM record ORDER BY id`).all() as Array<Record<string, unknown>>;
const roles = (store: Store): Record<string, string> => {
  const sheet = store.reader.prepare('SELECT headers_json, roles_json FROM source_sheet').get() as { headers_json: string; roles_json: string };
  const headers = JSON.parse(sheet.headers_json) as string[];
  const got = JSON.parse(sheet.roles_json) as string[];
  return Object.fromEntries(headers.map((h, i) => [h, got[i] as string]));
};

describe('columns the metro model found read as the wrong thing', () => {
  it('an ethnicity column standing before the address lines is not the first line of the address', async () => {
    // a school census: the pupil's DfE ethnicity code, then the address in lines; the codes had
    // become each address's first line ("WBRI, 3 Dorset Court, …"), so a pupil's address matched
    // no other agency's and siblings of another code split
    const store = await importText(
      'census.csv',
      [
        'UPN,Legal Surname,FirstName,DOB,Ethnicity,AddressLine1,AddressLine2,AddressLine3,Town,PostCode',
        'A213123412345,Ward,Darren,2014-06-25,WBRI,3 Dorset Court,Gaskell Walk,Hackney Wick,London,E9 7LL',
        'B213123412346,Akinola,Joy,2011-07-28,BNGN,Flat 901 Halley House,Bancroft Grove,Bow,London,E3 8AP',
        'C213123412347,Akinola,Amy,2013-08-31,BNGN,901 Halley House,Bancroft Grove,Bow,London,E3 8AP',
        'D213123412348,Aden,Musa,2016-10-31,BSOM,Flat 20 Tyndale Buildings,Burdett Walk,Shadwell,London,E1 1FX',
        'E213123412349,Kaya,Elif,2015-02-11,WTUR,4 Ropery Gardens,Bow,,London,E3 1JA',
        'F213123412350,Nguyen,Linh,2017-09-03,AOTA,12 Cable Street,Shadwell,,London,E1 3QT',
      ].join('\n') + '\n',
    );
    expect(roles(store).Ethnicity).not.toMatch(/address/);
    const addresses = records(store, 'address').map((r) => r.address as string);
    expect(addresses[0]).toBe('3 Dorset Court, Gaskell Walk, Hackney Wick, London');
    for (const a of addresses) expect(a).not.toMatch(/WBRI|BNGN|BSOM|WTUR|AOTA/);
    store.close();
  });
});

describe('the partner on a benefit claim', () => {
  it("the partner's forename on a claimant's row is not the claimant's middle names", async () => {
    // SHBE: claimant and partner on one row; the partner's forenames, given names that differ
    // from the claimant's, had been read as the claimant's middle names
    const store = await importText(
      'shbe.csv',
      [
        'CLAIM_REF,CLAIMANT_NINO,CLAIMANT_FORENAME,CLAIMANT_SURNAME,CLAIMANT_DOB,PARTNER_NINO,PARTNER_FORENAME,PARTNER_SURNAME,PARTNER_DOB,POSTCODE',
        'HB0400013,JB505054A,YEWANDE,OKAFOR,18-Apr-01,RY915370B,KWAME JOSEPH,ASANTE,16-Sep-85,E8 8JG',
        'HB0400026,LE200806B,ADEBAYO MICHAEL,OBI,18-May-77,GP580428B,DEBORAH,OBI,10-Apr-91,E3 1JA',
        'HB0400039,KB935504B,OLUWATOBI,MENSAH,23-Mar-95,CK051483C,GRACE,MENSAH,21-Oct-80,E3 1JA',
        'HB0400052,GK623936D,HOA,PHAN,21-Dec-87,,,,,N16 3TD',
        'HB0400065,AB123456C,MEHMET,KAYA,02-Jan-80,CE654321A,AYSE,KAYA,03-Mar-82,E8 1GB',
        'HB0400078,CE112233B,JOSE,GARCIA LOPEZ,09-Sep-79,JK778899A,MARIA,RUIZ TORRES,10-Oct-81,E1 3QT',
        'HB0400091,EH445566D,EMMA,SMITH,01-Feb-90,HM998877B,LIAM,JONES,02-Mar-88,E2 6AB',
      ].join('\n') + '\n',
    );
    expect(roles(store).PARTNER_FORENAME).not.toBe('middle_names');
    expect(records(store, 'forename, middle_names, surname').map((r) => r.middle_names ?? null)).toEqual([null, null, null, null, null, null, null]);
    store.close();
  });

  it("a second tenant's or partner's forename set aside as another person's is not the first person's middle names", async () => {
    // "Tenant 2 Forename", "PTNR_FORENAME": read as another person's and set aside, then taken up
    // again as given names beside the first person's forename
    const tenancies = await importText(
      'tenancies.csv',
      [
        'Tenancy Ref,Property Address,Post Code,Tenancy Start,Tenant 1 Forename,Tenant 1 Surname,Tenant 1 DOB,Tenant 2 Forename,Tenant 2 Surname,Tenant 2 DOB',
        'T1,"Flat 12, Kestrel House, Fircroft Road",OL8 2QP,01/04/2015,Samina,Begum,03/04/1980,Imran,Khan,14/09/1978',
        'T2,23 Milton Street,OL8 1AB,01/05/2012,Tracey,Holt,02/01/1979,Gary,Holt,05/05/1977',
        'T3,41 Milton Street,OL8 1AB,01/06/2019,Anna,Nowak,21/11/1987,Piotr,Nowak,30/06/1985',
        'T4,25 Milton Street,OL8 1AB,01/07/2020,Donna,Clarke,07/07/1990,Kai,Shaw,08/08/1989',
        'T5,27 Milton Street,OL8 1AB,01/07/2021,Sarah,Lord,07/07/1991,David,Lord,08/08/1988',
        'T6,29 Milton Street,OL8 1AB,01/07/2022,Emily,Green,07/07/1992,James,Green,08/08/1987',
      ].join('\n') + '\n',
    );
    expect(roles(tenancies)['Tenant 2 Forename']).not.toBe('middle_names');
    expect(records(tenancies, 'middle_names').every((r) => r.middle_names === null)).toBe(true);
    tenancies.close();
    const claims = await importText(
      'claims.csv',
      [
        'CLAIM_REF,CLMT_SURNAME,CLMT_FORENAME,CLMT_DOB,PTNR_SURNAME,PTNR_FORENAME,PTNR_DOB,POSTCODE',
        'C1,KHAN,IMRAN,19780914,BEGUM,SAMINA,19800403,OL8 2QP',
        'C2,HOLT,TRACEY,19790102,HOLT,GARY,19770505,OL8 1AB',
        'C3,NOWAK,PIOTR,19850630,NOWAK,ANNA,19871121,OL8 1AB',
        'C4,SHAW,KAI,19890808,CLARKE,DONNA,19900707,OL9 3TS',
        'C5,LORD,DAVID,19880808,LORD,SARAH,19910707,OL8 1AB',
        'C6,GREEN,JAMES,19870808,GREEN,EMILY,19920707,OL8 1AB',
      ].join('\n') + '\n',
    );
    expect(roles(claims).PTNR_FORENAME).not.toBe('middle_names');
    expect(records(claims, 'middle_names').every((r) => r.middle_names === null)).toBe(true);
    claims.close();
  });

  it('a second forename column ("Forename 2") is still read as the middle names', async () => {
    const store = await importText(
      'nominals.csv',
      [
        'Occurrence No,Occurrence Date,Surname,Forename 1,Forename 2,DOB,Home Address',
        '01/100007/26,27/02/2026 23:17,AMANUEL,Ruth,Selam,29/03/1989,"FLAT 1003, BLAKENEY TOWER, LONDON, E1 1QL"',
        '01/100008/26,27/02/2026 23:17,CHEN,Wei,Ming,27/03/1966,"67 BURDETT TERRACE, LONDON, E1 8WS"',
        '01/100014/26,04/04/2026 09:10,ROBEL,Yonas,Tesfay,12/01/1985,"4 ROPERY GARDENS, BOW, E3 1JA"',
        '01/100021/26,05/05/2026 19:40,KAYA,Mehmet,Ali,02/01/1980,"4 ROPERY GARDENS, BOW, E3 1JA"',
        '01/100028/26,06/06/2026 01:05,WARD,Callum,James,27/08/2012,"5 BRABAZON WALK, DALSTON, E8 7BX"',
        '01/100035/26,07/06/2026 01:05,SMITH,Jack,Thomas,27/08/2000,"7 BRABAZON WALK, DALSTON, E8 7BX"',
      ].join('\n') + '\n',
    );
    expect(roles(store)['Forename 2']).toBe('middle_names');
    store.close();
  });
});

describe('headings that say one thing over cells that say another', () => {
  it('a police "Nominal" column of nominal numbers is the person\'s number, not their name', async () => {
    const store = await importText(
      'niche.csv',
      [
        'Occurrence No,Occurrence Date,Nominal,Name Type,Surname,Forename 1,Forename 2,DOB,Gender,Role,Home Address',
        '01/100007/26,27/02/2026 23:17,N01200002,Primary,AMANUEL,Ruth,,29/03/1989,Female,Victim,"FLAT 1003, BLAKENEY TOWER, BURDETT WALK, LONDON, E1 1QL"',
        '01/100007/26,27/02/2026 23:17,N01200002,Alias,AMANUEL,Tsega,,29/03/1989,Female,Victim,"FLAT 1003, BLAKENEY TOWER, BURDETT WALK, LONDON, E1 1QL"',
        '01/100007/26,27/02/2026 23:17,N01200004,Primary,CHEN,Wei,Ming,27/03/1966,Female,Witness,67 BURDETT TERRACE STEPNEY LONDON E1 8WS',
        '01/100014/26,04/04/2026 09:10,N01200009,Primary,ROBEL,Yonas,Tesfay,12/01/1985,Male,Suspect,NFA',
        '01/100021/26,05/05/2026 19:40,N01200011,Primary,KAYA,Mehmet,,02/01/1980,Male,Suspect,"4 ROPERY GARDENS, BOW, E3 1JA"',
        '01/100028/26,06/06/2026 01:05,N01200015,Primary,WARD,Callum,,27/08/2012,Male,Missing Person,"FIRST FLOOR FLAT, 5 BRABAZON WALK, DALSTON"',
      ].join('\n') + '\n',
    );
    // its heading names the person's number, and the rows sharing one (an alias row) agree
    expect(roles(store).Nominal).toBe('person_ref');
    expect(records(store, 'person_ref').map((r) => r.person_ref)).toEqual(['N01200002', 'N01200002', 'N01200004', 'N01200009', 'N01200011', 'N01200015']);
    store.close();
  });

  it("a worker's name under a heading read as an occupation is not the person's occupation", async () => {
    // "Lead Professional" (the health visitor or nurse holding the case) had been read as
    // "profession": the same worker's name, compared as an occupation, spoke for two patients
    const store = await importText(
      'caseload.csv',
      [
        'NHS Number,Patient Name,Date of Birth,Usual Address,Service,Referral Date,Lead Professional',
        '753 323 3530,"Afolabi, Isaac",16/02/2025,"6 Lindley Gardens, London, E8 8JG",Health Visiting,22/12/2025,HV Karen Doherty',
        '422 461 8303,"Okafor, Joseph",04/07/2022,"6 Lindley Gardens, London, E8 8JG",Health Visiting,21/02/2026,FNP Jo Whitfield',
        '401 023 2137,"Warsame, Ayaan",11/03/2024,"Flat 1203, Brunel Point, Cable Street, London, E1 3QT",Health Visiting,05/01/2026,HV Blessing Adeyemi',
        '943 476 5919,"Kaya, Elif",09/09/1945,"4 Ropery Gardens, London, E3 1JA",District Nursing,14/03/2026,DN Imran Shah',
        '485 777 3456,"Nguyen, Linh",03/09/2017,"12 Cable Street, London, E1 3QT",School Nursing,01/04/2026,SN Ruth Kaplan',
      ].join('\n') + '\n',
    );
    expect(roles(store)['Lead Professional']).not.toBe('occupation');
    expect(records(store, 'occupation').every((r) => r.occupation === null)).toBe(true);
    store.close();
  });
});

describe('a name heading over a handful of repeated words', () => {
  it('"Name Type" (Primary, Alias, AKA) is what kind of name the row gives, not a name', async () => {
    const surnames = ['AMANUEL', 'CHEN', 'ROBEL', 'KAYA', 'WARD', 'SMITH', 'OKAFOR', 'NGUYEN'];
    const forenames = ['Ruth', 'Wei', 'Yonas', 'Mehmet', 'Callum', 'Jack', 'Emeka', 'Linh'];
    const rows = Array.from({ length: 24 }, (_, i) => {
      const k = i % 8;
      return `01/1000${10 + i}/26,N0120000${k},${i < 8 ? 'Primary' : i % 2 ? 'Alias' : 'AKA'},${surnames[k]},${forenames[(k + Math.floor(i / 8)) % 8]},${String(10 + k).padStart(2, '0')}/03/198${k},"${k + 1} CABLE STREET, LONDON, E1 3QT"`;
    });
    const store = await importText('names.csv', ['Occurrence No,Nominal,Name Type,Surname,Forename 1,DOB,Home Address', ...rows].join('\n') + '\n');
    expect(roles(store)['Name Type']).not.toBe('full_name');
    expect(records(store, 'surname').length).toBe(24);
    store.close();
  });
});
