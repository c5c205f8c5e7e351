import { Taxonomy } from '@kyodo/kit';

const taxonomy = new Taxonomy([
  { id: 'form.subsidy', label: '補助・助成', labelEn: 'Subsidy' },
  { id: 'form.co-hosting', label: '共催', labelEn: 'Co-hosting' },
  { id: 'organization.neighbourhood-association', label: '区・自治会', labelEn: 'Neighbourhood association (区・自治会)' },
  { id: 'organization.federation', label: '区長会', labelEn: 'Federation of association heads', broader: 'organization.neighbourhood-association' },
  { id: 'principle.collaboration', label: '協働', labelEn: 'Collaboration (kyōdō)' },
  { id: 'principle.subsidiarity', label: '補完性', labelEn: 'Subsidiarity' },
]);

describe('which concepts a search text names', () => {
  it('names a Japanese label that contains the text, after the search’s normalisation', () => {
    expect(taxonomy.matching('自治会')).toEqual(['organization.neighbourhood-association']);
    expect(taxonomy.matching('補助 ・助成')).toEqual(['form.subsidy']);
  });

  it('names a label term followed by one kanji (a compound: 補助金), but not by two or by kana', () => {
    expect(taxonomy.matching('補助金')).toEqual(['form.subsidy']);
    expect(taxonomy.matching('補助事業')).toEqual([]);
    expect(taxonomy.matching('補助を')).toEqual([]);
  });

  it('names no label for a one-character Japanese text', () => {
    expect(taxonomy.matching('区')).toEqual([]);
  });

  it('names an English label by a whole word or, from 3 letters on, the start of one, ignoring case and accents', () => {
    expect(taxonomy.matching('Co-Hosting')).toEqual(['form.co-hosting']);
    expect(taxonomy.matching('hosting')).toEqual(['form.co-hosting']);
    expect(taxonomy.matching('subsid')).toEqual(['form.subsidy', 'principle.subsidiarity']);
    expect(taxonomy.matching('subsidy')).toEqual(['form.subsidy']);
    expect(taxonomy.matching('kyodo')).toEqual(['principle.collaboration']);
    expect(taxonomy.matching('co')).toEqual([]);
    expect(taxonomy.matching('sidy')).toEqual([]);
  });

  it('needs every English word of the text in one label', () => {
    expect(taxonomy.matching('neighbourhood association')).toEqual(['organization.neighbourhood-association']);
    expect(taxonomy.matching('association heads')).toEqual(['organization.federation']);
    expect(taxonomy.matching('subsidy heads')).toEqual([]);
  });
});

describe('which named concept brought a record in', () => {
  const named = ['organization.neighbourhood-association', 'organization.federation'];

  it('is one the record is mapped to itself', () => {
    expect(taxonomy.attribute(named, ['organization.federation'])).toBe('organization.federation');
  });

  it('is otherwise a broader one whose narrower concept the record is mapped to', () => {
    expect(taxonomy.attribute(['organization.neighbourhood-association'], ['organization.federation'])).toBe('organization.neighbourhood-association');
  });

  it('is none for a record of other concepts', () => {
    expect(taxonomy.attribute(named, ['form.subsidy'])).toBeNull();
  });
});
