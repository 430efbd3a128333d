import { Field, Int, ObjectType } from 'type-graphql';
import { NotificationKind } from './notification.entity.ts';
import { registerEnum } from '../shared/graphql-enum.ts';

registerEnum(NotificationKind, 'NotificationKind');

@ObjectType('Notification')
export class NotificationView {
  @Field(() => Int) id!: number;
  @Field(() => NotificationKind) kind!: NotificationKind;
  @Field({ description: 'The text in the request’s language.' }) message!: string;
  @Field(() => String, { nullable: true, description: 'Portal path it points to.' }) link!: string | null;
  @Field() createdAt!: Date;
  @Field(() => Date, { nullable: true }) readAt!: Date | null;
}
