/** Roles a token can carry. The subject of a member, supplier or provider token is that party's id. */
export const ROLES = ['ops', 'finance', 'member', 'supplier', 'logistics-provider'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling, as proven by a verified token. */
export interface Principal {
  subject: string;
  roles: Role[];
}

/** The one signing algorithm accepted; tokens claiming another (or `none`) are refused. */
export const JWT_ALGORITHM = 'HS256';
export const JWT_AUDIENCE = 'netdirect';
