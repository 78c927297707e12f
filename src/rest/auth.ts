import { Router } from 'express';
import type { AppDeps } from '../context';
import { withContext } from './handler';
import { jsonObject, requiredString } from './input';
import { presentUser } from './presenters';

export function authRoutes(deps: AppDeps): Router {
  const router = Router();

  router.post(
    '/register',
    withContext(deps, async ({ services }, req, res) => {
      const body = jsonObject(req.body);
      const { token, user } = await services.users.register({
        email: requiredString(body, 'email'),
        password: requiredString(body, 'password'),
      });
      res.status(201).json({ token, user: presentUser(user) });
    }),
  );

  router.post(
    '/login',
    withContext(deps, async ({ services }, req, res) => {
      const body = jsonObject(req.body);
      const { token, user } = await services.users.login(
        requiredString(body, 'email'),
        requiredString(body, 'password'),
      );
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
      const body = jsonObject(req.body);
      const { token, user } = await services.users.changePassword(
        requiredString(body, 'current_password'),
        requiredString(body, 'new_password'),
      );
      res.json({ token, user: presentUser(user) });
    }),
  );

  return router;
}
