import { Field, Int, ObjectType } from 'type-graphql';

/** Who did something (uploaded, scored, submitted): just enough to show, nothing of their account. */
@ObjectType('Actor', { simpleResolvers: true })
export class ActorView {
  @Field(() => Int) id!: number;
  @Field() displayName!: string;
}

/** `{ id, displayName }` from a joined row, or null when nobody is recorded. */
export const actorFrom = (id: number | null, displayName: string | null): ActorView | null =>
  id === null ? null : { id, displayName: displayName ?? '' };
