import { Directive, Field, ObjectType } from 'type-graphql';
import { CitedRecord } from '../records/cited-record';
import { Revision } from './revision.type';

@ObjectType({ description: 'A committed change: the record as it now is, and the revision that made it.' })
@Directive('@shareable')
export class RevisionResult {
  @Field(() => CitedRecord)
  record: CitedRecord;

  @Field(() => Revision)
  revision: Revision;
}
