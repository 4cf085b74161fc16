import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import { PUBLIC_EXTENSION } from '../http/openapi';
import { Principal, Role } from './roles';

export const IS_PUBLIC = 'netdirect:public';
export const REQUIRED_ROLES = 'netdirect:roles';

/** Reachable without a token (health, metrics, docs); its OpenAPI operation has no security. */
export const Public = () => applyDecorators(SetMetadata(IS_PUBLIC, true), ApiExtension(PUBLIC_EXTENSION, true));

/** Requires a token with at least one of these roles; without it, any valid token passes. */
export const Roles = (...roles: Role[]) => SetMetadata(REQUIRED_ROLES, roles);

/** The verified caller of the current request. */
export const CurrentPrincipal = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Principal => ctx.switchToHttp().getRequest().principal,
);
