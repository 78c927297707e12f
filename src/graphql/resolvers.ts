import { ORDER_STATUSES, ROLES, upperCaseKeys } from '../domain';
import type { Resolvers } from './generated/resolvers-types';
import { connectionFields } from './resolvers/connections';
import { cancelOrder } from './resolvers/Mutation/cancelOrder';
import { changePassword } from './resolvers/Mutation/changePassword';
import { createProduct } from './resolvers/Mutation/createProduct';
import { deleteProduct } from './resolvers/Mutation/deleteProduct';
import { login } from './resolvers/Mutation/login';
import { logout } from './resolvers/Mutation/logout';
import { placeOrder } from './resolvers/Mutation/placeOrder';
import { register } from './resolvers/Mutation/register';
import { updateOrderStatus } from './resolvers/Mutation/updateOrderStatus';
import { updateProduct } from './resolvers/Mutation/updateProduct';
import { updateUserRole } from './resolvers/Mutation/updateUserRole';
import { Order } from './resolvers/Order';
import { OrderItem } from './resolvers/OrderItem';
import { Product } from './resolvers/Product';
import { categories } from './resolvers/Query/categories';
import { me } from './resolvers/Query/me';
import { myOrders } from './resolvers/Query/myOrders';
import { order } from './resolvers/Query/order';
import { orders } from './resolvers/Query/orders';
import { product } from './resolvers/Query/product';
import { products } from './resolvers/Query/products';
import { user } from './resolvers/Query/user';
import { users } from './resolvers/Query/users';
import { User } from './resolvers/User';
import { DateTimeScalar, MoneyScalar } from './scalars';

export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Money: MoneyScalar,
  Role: upperCaseKeys(ROLES),
  OrderStatus: upperCaseKeys(ORDER_STATUSES),
  Query: { me, product, products, categories, order, myOrders, orders, users, user },
  Mutation: {
    register,
    login,
    logout,
    changePassword,
    updateUserRole,
    createProduct,
    updateProduct,
    deleteProduct,
    placeOrder,
    cancelOrder,
    updateOrderStatus,
  },
  User,
  Product,
  Order,
  OrderItem,
  ProductConnection: connectionFields,
  UserConnection: connectionFields,
  OrderConnection: connectionFields,
};
