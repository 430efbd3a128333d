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
  @Field(() => Date, {
    nullable: true,
    description: 'While the password is an unused one-time code (a new account, a reset): when the code stops working.',
  })
  oneTimeCodeExpiresAt!: Date | null;
  /** The GraphQL field is `AuthResolver.version` (read when absent: `me` is built from the session). */
  version?: number;
}

@ObjectType({ description: 'A one-time sign-in code, shown to the administrator once: only its hash is kept.' })
export class OneTimeCodePayload {
  @Field(() => UserView) user!: UserView;
  @Field({ description: 'Opens one sign-in (case and dashes do not matter), at which the user must choose a new password.' })
  code!: string;
  @Field() expiresAt!: Date;
}

@InputType({ description: 'Which accounts `users` lists; every condition given must hold.' })
export class UserFilter {
  @Field(() => Role, { nullable: true }) role?: Role | null;
  @Field(() => Int, { nullable: true }) unitId?: number | null;
  @Field(() => Boolean, { nullable: true }) active?: boolean | null;
  @Field(() => String, { nullable: true, description: 'A part of the username or the full name, case-insensitive.' })
  @IsOptional()
  @Length(0, 200)
  search?: string | null;
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

@InputType({ description: 'A new account for the portal: its first password is a one-time code (`createAccount`).' })
export class AccountInput {
  @Field()
  @Length(3, 64)
  @Matches(USERNAME, { message: 'username may contain a-z, 0-9, dot, dash and underscore' })
  username!: string;
  @Field() @Length(1, 200) displayName!: string;
  @Field(() => [Role]) @ArrayNotEmpty() @IsIn(Object.values(Role), { each: true }) roles!: Role[];
  @Field(() => Int, { nullable: true }) unitId?: number | null;
}

@InputType({ description: 'An account whose password the caller chooses (scripts, tests); the portal uses `createAccount`.' })
export class CreateUserInput extends AccountInput {
  @Field() @Length(8, 200) password!: string;
}

@InputType()
export class UpdateUserInput {
  @Field(() => Int, { description: 'The `version` the edit was made on; CONFLICT when the account changed since.' }) version!: number;
  @Field({ nullable: true }) @IsOptional() @Length(1, 200) displayName?: string;
  @Field({ nullable: true, description: 'A password the administrator chooses: the user must replace it at their next sign-in.' })
  @IsOptional()
  @Length(8, 200)
  password?: string;
  @Field(() => [Role], { nullable: true }) @IsOptional() @ArrayNotEmpty() roles?: Role[];
  @Field(() => Int, { nullable: true }) unitId?: number | null;
  @Field({ nullable: true }) @IsOptional() active?: boolean;
}
