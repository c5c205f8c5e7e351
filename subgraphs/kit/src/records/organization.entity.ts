import { Column, Entity } from 'typeorm';
import { Directive, Field, ObjectType, registerEnumType } from 'type-graphql';
import { Practice } from './practice.interface';

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

registerEnumType(OrganizationKind, {
  name: 'OrganizationKind',
  description: 'What kind of actor an organization is.',
});

@Entity('organization')
@ObjectType({ implements: Practice, description: 'An actor of collaboration and what the plan says it does.' })
@Directive('@shareable')
export class Organization extends Practice {
  @Column('text')
  @Field()
  name: string;

  @Column('text')
  @Field(() => OrganizationKind)
  kind: OrganizationKind;

  @Column('text')
  @Field({ description: 'Its role, duty, expected effect or current issues, in the plan’s words.' })
  role: string;
}
