import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { SERVICE_CONFIG, ServiceConfig } from '../config/service-config';
import { IS_PUBLIC, REQUIRED_ROLES } from './auth.decorators';
import { JWT_ALGORITHM, JWT_AUDIENCE, Principal, Role, ROLES } from './roles';

/**
 * Global guard for every HTTP route: verifies the bearer token (algorithm
 * pinned, issuer and audience checked), puts the {@link Principal} on the
 * request, and enforces {@link Roles}. 401 without a valid token, 403 without
 * the role.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context.switchToHttp().getRequest();
    const header: string | undefined = request.headers.authorization;
    const match = header?.match(/^Bearer\s+(\S+)$/i);
    if (!match) throw new UnauthorizedException('A bearer token is required');

    let claims: { sub?: unknown; roles?: unknown };
    try {
      // The key is the module's (see RuntimeModule): the secret as a KeyObject.
      claims = await this.jwt.verifyAsync(match[1], {
        algorithms: [JWT_ALGORITHM],
        issuer: this.config.auth.issuer,
        audience: JWT_AUDIENCE,
      });
    } catch (e) {
      throw new UnauthorizedException(`Invalid token: ${(e as Error).message}`);
    }
    const roles = Array.isArray(claims.roles) ? claims.roles.filter((r): r is Role => ROLES.includes(r)) : [];
    if (typeof claims.sub !== 'string' || !claims.sub || roles.length === 0) {
      throw new UnauthorizedException('Token must carry a subject and at least one known role');
    }
    const principal: Principal = { subject: claims.sub, roles };
    request.principal = principal;

    const required = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (required?.length && !required.some((r) => roles.includes(r))) {
      throw new ForbiddenException(`Requires one of the roles: ${required.join(', ')}`);
    }
    return true;
  }
}
