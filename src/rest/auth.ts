import { Router } from 'express';
import type { AppDeps } from '../context';
import { Credentials, PasswordChange } from './contract/auth';
import { withContext } from './handler';
import { read } from './input';
import { presentUser } from './presenters';

export function authRoutes(deps: AppDeps): Router {
  const router = Router();

  router.post(
    '/register',
    withContext(deps, async ({ services }, req, res) => {
      const { token, user } = await services.users.register(read(Credentials, req.body));
      res.status(201).json({ token, user: presentUser(user) });
    }),
  );

  router.post(
    '/login',
    withContext(deps, async ({ services }, req, res) => {
      const { email, password } = read(Credentials, req.body);
      const { token, user } = await services.users.login(email, password);
      res.json({ token, user: presentUser(user) });
    }),
  );

  router.post(
    '/logout',
    withContext(deps, async ({ services }, _req, res) => {
      await services.users.logout();
      res.status(204).end();
    }),
  );

  router.post(
    '/change-password',
    withContext(deps, async ({ services }, req, res) => {
      const body = read(PasswordChange, req.body);
      const { token, user } = await services.users.changePassword(body.current_password, body.new_password);
      res.json({ token, user: presentUser(user) });
    }),
  );

  return router;
}
