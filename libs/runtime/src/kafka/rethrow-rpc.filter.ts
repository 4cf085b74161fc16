import { ArgumentsHost, Catch, RpcExceptionFilter } from '@nestjs/common';
import { Observable, throwError } from 'rxjs';

/**
 * NestJS turns a handler's error into `{ status: 'error', message: 'Internal
 * server error' }`. The consumer needs the original error to tell a permanent
 * failure from a transient one, so this filter hands it back unchanged.
 */
@Catch()
export class RethrowRpcFilter implements RpcExceptionFilter<unknown> {
  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    return throwError(() => exception);
  }
}
