import { registerEnumType } from 'type-graphql';
import { enumField, recordType, textField } from './declare';
import { Practice } from './practice';

export enum OrganizationKind {
  RESIDENT = 'resident',
  NEIGHBOURHOOD_ASSOCIATION = 'neighbourhood-association',
  COMMUNITY_COUNCIL = 'community-council',
  CIVIC_GROUP = 'civic-group',
  NPO = 'npo',
  BUSINESS = 'business',
  SCHOOL = 'school',
  SOCIAL_WELFARE_COUNCIL = 'social-welfare-council',
  INTERMEDIARY = 'intermediary',
  SUPPORT_CENTRE = 'support-centre',
  COUNCIL = 'council',
  CITY = 'city',
  DEPARTMENT = 'department',
  STAFF = 'staff',
  ASSEMBLY = 'assembly',
  OTHER = 'other',
}

registerEnumType(OrganizationKind, { name: 'OrganizationKind', description: 'What kind of actor an organization is.' });

@recordType({
  name: 'Organization',
  table: 'organization',
  section: 'organizations',
  key: 'organization',
  practice: true,
  implements: Practice,
  description: 'An actor of collaboration and what the plan says it does.',
  list: { field: 'organizations', description: 'Actors of collaboration in document order.' },
})
export class Organization extends Practice {
  @textField({ description: 'The actor, in the document’s words.' })
  name: string;

  @enumField(OrganizationKind, { description: 'What kind of actor it is.' })
  kind: OrganizationKind;

  @textField({ description: 'Its role, duty, expected effect or current issues, in the plan’s words.' })
  role: string;
}
