import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiErrors, CurrentPrincipal, Principal, Roles } from '@netdirect/runtime';
import type { Response } from 'express';
import { once } from 'node:events';
import { IdParam } from '../../../common/id.param';
import { MemberRepository } from '../../member.repository';
import { DownlineMemberView, toDownlineView } from '../../member.view';

@ApiTags('members')
@ApiBearerAuth()
@Controller('v1/members')
export class ExportSubtreeController {
  constructor(private readonly repo: MemberRepository) {}

  /**
   * Streams a JSON array from a database cursor, waiting for the client to
   * drain, so memory stays flat however large the subtree is.
   */
  @Get(':id/subtree/export')
  @Roles('ops', 'member')
  @ApiOperation({
    summary: 'The whole subtree (the member first) as a streamed JSON array, for large trees.',
  })
  @ApiProduces('application/json')
  @ApiOkResponse({ type: DownlineMemberView, isArray: true, description: 'The member (level 0), then its subtree' })
  @ApiErrors(400, 401, 403, 404)
  async export(
    @Param() { id }: IdParam,
    @CurrentPrincipal() caller: Principal,
    @Res() res: Response,
  ): Promise<void> {
    const root = await this.repo.readable(id, caller);
    res.status(200).type('application/json');
    res.setHeader('Content-Disposition', `attachment; filename="subtree-${root.id}.json"`);
    const write = async (chunk: string) => {
      if (!res.write(chunk)) await once(res, 'drain');
    };
    const cursor = this.repo.subtreeCursor(root);
    try {
      await write('[' + JSON.stringify(toDownlineView(root.state, root.state.depth)));
      for await (const m of cursor) {
        if (res.destroyed) break;
        await write(',' + JSON.stringify(toDownlineView(m, root.state.depth)));
      }
      res.end(']');
    } catch (e) {
      // Headers are gone: the client sees a truncated array rather than a wrong one.
      res.destroy(e as Error);
    } finally {
      await cursor.close();
    }
  }
}
