import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@netdirect/runtime';
import type { Response } from 'express';
import { once } from 'node:events';
import { Member } from '../../member.schema';
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
  @ApiOkResponse({ type: [DownlineMemberView] })
  async export(
    @Param('id') id: string,
    @CurrentPrincipal() caller: Principal,
    @Res() res: Response,
  ): Promise<void> {
    const root = await this.repo.readable(id, caller);
    res.status(200).type('application/json');
    res.setHeader('Content-Disposition', `attachment; filename="subtree-${root._id}.json"`);
    const write = async (chunk: string) => {
      if (!res.write(chunk)) await once(res, 'drain');
    };
    const cursor = this.repo.members
      .find({ uplinePath: root._id }, { _id: 1, kind: 1, status: 1, sponsorId: 1, depth: 1, joinedAt: 1 })
      .lean<Member>()
      .cursor({ batchSize: 1000 });
    try {
      await write('[' + JSON.stringify(toDownlineView(root, root.depth)));
      for await (const m of cursor) {
        if (res.destroyed) break;
        await write(',' + JSON.stringify(toDownlineView(m as Member, root.depth)));
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
