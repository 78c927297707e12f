import type { Resolvers } from './generated/resolvers-types';
import { connectionFields } from './resolvers/connections';
import { createProduct } from './resolvers/Mutation/createProduct';
import { deleteProduct } from './resolvers/Mutation/deleteProduct';
import { login } from './resolvers/Mutation/login';
import { register } from './resolvers/Mutation/register';
import { updateProduct } from './resolvers/Mutation/updateProduct';
import { Product } from './resolvers/Product';
import { categories } from './resolvers/Query/categories';
import { me } from './resolvers/Query/me';
import { product } from './resolvers/Query/product';
import { products } from './resolvers/Query/products';
import { user } from './resolvers/Query/user';
import { users } from './resolvers/Query/users';
import { DateTimeScalar, MoneyScalar } from './scalars';

export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Money: MoneyScalar,
  Role: { USER: 'user', ADMIN: 'admin' },
  Query: { me, product, products, categories, users, user },
  Mutation: { register, login, createProduct, updateProduct, deleteProduct },
  Product,
  ProductConnection: connectionFields,
  UserConnection: connectionFields,
};
