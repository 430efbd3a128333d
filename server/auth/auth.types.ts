import { ArrayNotEmpty, IsIn, IsOptional, Length, Matches } from 'class-validator';
import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { Role } from '../access/index.ts';
import { registerEnum } from '../shared/graphql-enum.ts';

registerEnum(Role, 'Role');

@ObjectType('User', { simpleResolvers: true })
export class UserView {
  @Field(() => Int) id!: number;
  @Field() username!: string;
  @Field() displayName!: string;
  @Field(() => [Role]) roles!: Role[];
  @Field(() => Int, { nullable: true }) unitId!: number | null;
  @Field() active!: boolean;
  @Field({ description: 'True until the user has chosen their own password (`changePassword`).' }) mustChangePassword!: boolean;
}

@ObjectType()
export class LoginPayload {
  @Field({
    description: 'True until the user has chosen their own password (`changePassword`); until then every other operation is FORBIDDEN.',
  })
  mustChangePassword!: boolean;
  @Field({ description: 'Send as `Authorization: Bearer <token>`. The portal uses the httpOnly cookie instead.' })
  token!: string;
  @Field() expiresAt!: Date;
  @Field(() => UserView) user!: UserView;
}

export const USERNAME = /^[a-z0-9._-]+$/;

@InputType()
export class CreateUserInput {
  @Field()
  @Length(3, 64)
  @Matches(USERNAME, { message: 'username may contain a-z, 0-9, dot, dash and underscore' })
  username!: string;
  @Field() @Length(1, 200) displayName!: string;
  @Field() @Length(8, 200) password!: string;
  @Field(() => [Role]) @ArrayNotEmpty() @IsIn(Object.values(Role), { each: true }) roles!: Role[];
  @Field(() => Int, { nullable: true }) unitId?: number | null;
}

@InputType()
export class UpdateUserInput {
  @Field({ nullable: true }) @IsOptional() @Length(1, 200) displayName?: string;
  @Field({ nullable: true }) @IsOptional() @Length(8, 200) password?: string;
  @Field(() => [Role], { nullable: true }) @IsOptional() @ArrayNotEmpty() roles?: Role[];
  @Field(() => Int, { nullable: true }) unitId?: number | null;
  @Field({ nullable: true }) @IsOptional() active?: boolean;
}
