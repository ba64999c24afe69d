import {
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Post,
  Req,
  Res,
  UnauthorizedException,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Clock } from '@entente/common';
import type { Request, Response } from 'express';
import { CLOCK } from '../common/clock.providers';
import { AcceptsSessionRenewal, PublicRoute } from './access.decorators';
import type { AuthenticatedRequest } from './api-key.guard';
import { clearSessionCookie, sessionCookieOf, setSessionCookie } from './session-cookie';
import { SessionTokens, type Session } from './session-tokens';
import { ApiAnswer } from '../openapi/api-answer.decorator';
import { ApiProblems } from '../openapi/problem.schemas';

@ApiTags('session')
@Controller('v1/session')
export class SessionController {
  constructor(
    private readonly sessions: SessionTokens,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiBearerAuth()
  @AcceptsSessionRenewal()
  @ApiAnswer(201, 'Session', 'The session opened or renewed; its cookie is set (Set-Cookie)')
  @ApiProblems(401, 413, 415, 429)
  @ApiOperation({
    summary:
      'Open a browser session for the key in the Authorization header (any role; the session reads only), ' +
      'or renew the one the cookie carries: an HttpOnly SameSite=Strict cookie the API accepts on GET routes and /v1/live',
  })
  open(@Req() request: AuthenticatedRequest, @Res({ passthrough: true }) response: Response) {
    const session = request.session
      ? this.sessions.renew(request.session)
      : this.sessions.open(request.principal!.name);
    if (!session) {
      clearSessionCookie(request, response);
      response.setHeader('WWW-Authenticate', 'Bearer');
      throw new UnauthorizedException(
        'the session has reached its maximum age: give the key again',
      );
    }
    setSessionCookie(request, response, session, this.clock.now());
    response.setHeader('Cache-Control', 'no-store');
    return { session: sessionView(session) };
  }

  @Get()
  @PublicRoute()
  @ApiOperation({ summary: 'The session the cookie carries, or null: asking never fails' })
  @ApiAnswer(200, 'Session', 'The session, or null without a valid cookie')
  @ApiProblems(429)
  current(@Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const cookie = sessionCookieOf(request);
    const session = cookie ? this.sessions.verify(cookie) : undefined;
    response.setHeader('Cache-Control', 'no-store');
    return { session: session ? sessionView(session) : null };
  }

  @Delete()
  @HttpCode(204)
  @PublicRoute()
  @ApiOperation({ summary: 'End the browser session (clears the cookie)' })
  @ApiResponse({ status: 204, description: 'The cookie is cleared' })
  @ApiProblems(429)
  close(@Req() request: Request, @Res({ passthrough: true }) response: Response): void {
    clearSessionCookie(request, response);
  }
}

function sessionView(session: Session) {
  return {
    role: session.principal.role,
    name: session.principal.name,
    expiresAt: session.expiresAt.toISOString(),
    since: session.since.toISOString(),
  };
}
