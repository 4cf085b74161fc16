import { JwtService } from '@nestjs/jwt';
import { JWT_ALGORITHM, JWT_AUDIENCE, Role } from './roles';

/** Sign a token the gateways accept. Used by tests and `npm run token`. */
export function signToken(
  options: { secret: string; issuer: string },
  role: Role | Role[],
  subject: string,
  expiresInSeconds = 3600,
): string {
  return new JwtService().sign(
    { roles: Array.isArray(role) ? role : [role] },
    {
      secret: options.secret,
      algorithm: JWT_ALGORITHM,
      issuer: options.issuer,
      audience: JWT_AUDIENCE,
      subject,
      expiresIn: expiresInSeconds,
    },
  );
}
