/* This file was automatically generated. DO NOT UPDATE MANUALLY. */
    import type   { Resolvers } from './resolvers-types';
    import    { categories as Query_categories } from './../resolvers/Query/categories';
import    { me as Query_me } from './../resolvers/Query/me';
import    { myOrders as Query_myOrders } from './../resolvers/Query/myOrders';
import    { order as Query_order } from './../resolvers/Query/order';
import    { orders as Query_orders } from './../resolvers/Query/orders';
import    { product as Query_product } from './../resolvers/Query/product';
import    { products as Query_products } from './../resolvers/Query/products';
import    { user as Query_user } from './../resolvers/Query/user';
import    { users as Query_users } from './../resolvers/Query/users';
import    { cancelOrder as Mutation_cancelOrder } from './../resolvers/Mutation/cancelOrder';
import    { changePassword as Mutation_changePassword } from './../resolvers/Mutation/changePassword';
import    { createProduct as Mutation_createProduct } from './../resolvers/Mutation/createProduct';
import    { deleteProduct as Mutation_deleteProduct } from './../resolvers/Mutation/deleteProduct';
import    { login as Mutation_login } from './../resolvers/Mutation/login';
import    { logout as Mutation_logout } from './../resolvers/Mutation/logout';
import    { placeOrder as Mutation_placeOrder } from './../resolvers/Mutation/placeOrder';
import    { register as Mutation_register } from './../resolvers/Mutation/register';
import    { restoreProduct as Mutation_restoreProduct } from './../resolvers/Mutation/restoreProduct';
import    { updateOrderStatus as Mutation_updateOrderStatus } from './../resolvers/Mutation/updateOrderStatus';
import    { updateProduct as Mutation_updateProduct } from './../resolvers/Mutation/updateProduct';
import    { updateUserRole as Mutation_updateUserRole } from './../resolvers/Mutation/updateUserRole';
import    { AuthPayload } from './../resolvers/AuthPayload';
import    { Order } from './../resolvers/Order';
import    { OrderConnection } from './../resolvers/OrderConnection';
import    { OrderEdge } from './../resolvers/OrderEdge';
import    { OrderItem } from './../resolvers/OrderItem';
import    { PageInfo } from './../resolvers/PageInfo';
import    { Product } from './../resolvers/Product';
import    { ProductConnection } from './../resolvers/ProductConnection';
import    { ProductEdge } from './../resolvers/ProductEdge';
import    { User } from './../resolvers/User';
import    { UserConnection } from './../resolvers/UserConnection';
import    { UserEdge } from './../resolvers/UserEdge';
import    { OrderStatus } from './../resolvers/OrderStatus';
import    { Role } from './../resolvers/Role';
import    { DateTimeScalar,MoneyScalar } from './../scalars';
    export const resolvers: Resolvers = {
      Query: { categories: Query_categories,me: Query_me,myOrders: Query_myOrders,order: Query_order,orders: Query_orders,product: Query_product,products: Query_products,user: Query_user,users: Query_users },
      Mutation: { cancelOrder: Mutation_cancelOrder,changePassword: Mutation_changePassword,createProduct: Mutation_createProduct,deleteProduct: Mutation_deleteProduct,login: Mutation_login,logout: Mutation_logout,placeOrder: Mutation_placeOrder,register: Mutation_register,restoreProduct: Mutation_restoreProduct,updateOrderStatus: Mutation_updateOrderStatus,updateProduct: Mutation_updateProduct,updateUserRole: Mutation_updateUserRole },
      
      AuthPayload: AuthPayload,
Order: Order,
OrderConnection: OrderConnection,
OrderEdge: OrderEdge,
OrderItem: OrderItem,
PageInfo: PageInfo,
Product: Product,
ProductConnection: ProductConnection,
ProductEdge: ProductEdge,
User: User,
UserConnection: UserConnection,
UserEdge: UserEdge,
OrderStatus: OrderStatus,
Role: Role,
DateTime: DateTimeScalar,
Money: MoneyScalar
    }