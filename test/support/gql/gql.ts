/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment AccountUserFields on User { id email role createdAt updatedAt }\n": typeof types.AccountUserFieldsFragmentDoc,
    "\n  mutation AccountsRegister($input: RegisterInput!) {\n    register(input: $input) { token expiresAt user { ...AccountUserFields } }\n  }\n": typeof types.AccountsRegisterDocument,
    "\n  mutation AccountsLogin($email: String!, $password: String!) {\n    login(email: $email, password: $password) { token expiresAt user { ...AccountUserFields } }\n  }\n": typeof types.AccountsLoginDocument,
    "\n  query AccountsMe { me { ...AccountUserFields } }\n": typeof types.AccountsMeDocument,
    "\n  query AccountsPublicProducts { products(first: 1) { totalCount } }\n": typeof types.AccountsPublicProductsDocument,
    "\n  query AccountsUsers($first: Int, $after: String, $search: String) {\n    users(first: $first, after: $after, search: $search) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { cursor node { ...AccountUserFields } }\n      nodes { ...AccountUserFields }\n    }\n  }\n": typeof types.AccountsUsersDocument,
    "\n  query AccountsUser($id: ID!) { user(id: $id) { ...AccountUserFields } }\n": typeof types.AccountsUserDocument,
    "\n  query AccountsUserTypeFields { __type(name: \"User\") { fields { name } } }\n": typeof types.AccountsUserTypeFieldsDocument,
    "\n  fragment CatalogProductFields on Product { id name description price stock category createdAt updatedAt }\n": typeof types.CatalogProductFieldsFragmentDoc,
    "\n  mutation CatalogCreate($input: ProductInput!) { createProduct(input: $input) { ...CatalogProductFields } }\n": typeof types.CatalogCreateDocument,
    "\n  mutation CatalogUpdate($id: ID!, $input: ProductUpdateInput!) { updateProduct(id: $id, input: $input) { ...CatalogProductFields } }\n": typeof types.CatalogUpdateDocument,
    "\n  mutation CatalogDelete($id: ID!) { deleteProduct(id: $id) }\n": typeof types.CatalogDeleteDocument,
    "\n  query CatalogProduct($id: ID!) { product(id: $id) { ...CatalogProductFields } }\n": typeof types.CatalogProductDocument,
    "\n  query CatalogCategories { categories }\n": typeof types.CatalogCategoriesDocument,
    "\n  query CatalogProducts(\n    $first: Int, $after: String, $search: String, $category: String,\n    $minPrice: Money, $maxPrice: Money, $inStock: Boolean, $sort: ProductSort\n  ) {\n    products(\n      first: $first, after: $after, search: $search, category: $category,\n      minPrice: $minPrice, maxPrice: $maxPrice, inStock: $inStock, sort: $sort\n    ) {\n      nodes { ...CatalogProductFields }\n      pageInfo { hasNextPage endCursor }\n      totalCount\n    }\n  }\n": typeof types.CatalogProductsDocument,
    "\n        query CatalogDefaultPage { products { nodes { id } pageInfo { hasNextPage endCursor } totalCount } }\n      ": typeof types.CatalogDefaultPageDocument,
    "\n        query CatalogPriceLiterals { products(minPrice: 10, maxPrice: \"20.00\") { nodes { name } totalCount } }\n      ": typeof types.CatalogPriceLiteralsDocument,
    "\n        query CatalogEdges { products(first: 3, sort: NAME_ASC) { edges { cursor node { id } } nodes { id } pageInfo { hasNextPage endCursor } } }\n      ": typeof types.CatalogEdgesDocument,
    "\n  mutation CredentialsRegister($email: String!, $password: String!) {\n    register(input: { email: $email, password: $password }) { token user { id email } }\n  }\n": typeof types.CredentialsRegisterDocument,
    "\n  mutation CredentialsLogin($email: String!, $password: String!) {\n    login(email: $email, password: $password) { token user { id email } }\n  }\n": typeof types.CredentialsLoginDocument,
    "\n  query CredentialsMe { me { id email } }\n": typeof types.CredentialsMeDocument,
    "\n  mutation CredentialsChangePassword($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) { token } }\n": typeof types.CredentialsChangePasswordDocument,
    "\n  mutation CredentialsRegisterWithOrders($email: String!, $password: String!) {\n    register(input: { email: $email, password: $password }) {\n      token user { id orders(first: 5) { totalCount nodes { id } } }\n    }\n  }\n": typeof types.CredentialsRegisterWithOrdersDocument,
    "\n  mutation CredentialsLoginWithOrders($email: String!, $password: String!) {\n    login(email: $email, password: $password) { token user { orders(first: 5) { nodes { id user { id } } } } }\n  }\n": typeof types.CredentialsLoginWithOrdersDocument,
    "\n  mutation CredentialsCreateLamp { createProduct(input: { name: \"Lamp\", price: \"19.99\", stock: 5, category: \"Home\" }) { id } }\n": typeof types.CredentialsCreateLampDocument,
    "\n  mutation CredentialsPlaceOne($p: ID!) { placeOrder(input: { items: [{ productId: $p, quantity: 1 }] }) { id } }\n": typeof types.CredentialsPlaceOneDocument,
    "\n  mutation CredentialsRegisterThenLogout($email: String!, $password: String!) {\n    register(input: { email: $email, password: $password }) { token }\n    logout\n  }\n": typeof types.CredentialsRegisterThenLogoutDocument,
    "\n  query ExpensiveSearch { products(first: 50, search: \"77\") { totalCount nodes { id } } }\n": typeof types.ExpensiveSearchDocument,
    "\n  query ExpensiveProduct($id: ID!) { product(id: $id) { id } }\n": typeof types.ExpensiveProductDocument,
    "\n  mutation ExecutorCreateProduct($input: ProductInput!) { createProduct(input: $input) { id } }\n": typeof types.ExecutorCreateProductDocument,
    "\n  mutation ExecutorPlaceOrder($input: PlaceOrderInput!) { placeOrder(input: $input) { id } }\n": typeof types.ExecutorPlaceOrderDocument,
    "\n  mutation FloodRegister($email: String!, $password: String!) {\n    register(input: { email: $email, password: $password }) { token }\n  }\n": typeof types.FloodRegisterDocument,
    "\n  mutation FloodLogin($email: String!, $password: String!) {\n    login(email: $email, password: $password) { token user { email } }\n  }\n": typeof types.FloodLoginDocument,
    "\n  query HttpProductCount { products(first: 1) { totalCount } }\n": typeof types.HttpProductCountDocument,
    "\n  mutation HardeningSignIn($e: String!, $p: String!) { login(email: $e, password: $p) { token } }\n": typeof types.HardeningSignInDocument,
    "\n  query HardeningMe { me { email } }\n": typeof types.HardeningMeDocument,
    "\n  query LoaderOrders($first: Int) { orders(first: $first) { nodes { id items { quantity product { name } } } } }\n": typeof types.LoaderOrdersDocument,
    "\n  mutation LoaderPlaceOrder($input: PlaceOrderInput!) { placeOrder(input: $input) { id } }\n": typeof types.LoaderPlaceOrderDocument,
    "\n  mutation ThrottleLogin($email: String!, $password: String!) {\n    login(email: $email, password: $password) { token user { email } }\n  }\n": typeof types.ThrottleLoginDocument,
    "\n  mutation ThrottleChangePassword($current: String!, $next: String!) {\n    changePassword(currentPassword: $current, newPassword: $next) { token }\n  }\n": typeof types.ThrottleChangePasswordDocument,
    "\n  mutation HoardingMarkPaid($id: ID!) { updateOrderStatus(id: $id, status: PAID) { id status } }\n": typeof types.HoardingMarkPaidDocument,
    "\n  fragment OrderConnectionFields on OrderConnection {\n    edges { cursor node { id } } nodes { id status user { id } } pageInfo { hasNextPage endCursor } totalCount\n  }\n": typeof types.OrderConnectionFieldsFragmentDoc,
    "\n  query Mine($first: Int, $after: String, $status: OrderStatus) {\n    myOrders(first: $first, after: $after, status: $status) { ...OrderConnectionFields }\n  }\n": typeof types.MineDocument,
    "\n  query All($first: Int, $after: String, $status: OrderStatus, $userId: ID) {\n    orders(first: $first, after: $after, status: $status, userId: $userId) { ...OrderConnectionFields }\n  }\n": typeof types.AllDocument,
    "\n  query MeOrders { me { id orders(first: 100) { ...OrderConnectionFields } } }\n": typeof types.MeOrdersDocument,
    "\n  query UserOrders($id: ID!) { user(id: $id) { id orders(first: 100) { ...OrderConnectionFields } } }\n": typeof types.UserOrdersDocument,
    "\n  mutation DeletingUpdateProduct($id: ID!, $input: ProductUpdateInput!) { updateProduct(id: $id, input: $input) { id name price } }\n": typeof types.DeletingUpdateProductDocument,
    "\n  mutation DeletingDeleteProduct($id: ID!) { deleteProduct(id: $id) }\n": typeof types.DeletingDeleteProductDocument,
    "\n  query DeletingProduct($id: ID!) { product(id: $id) { id name } }\n": typeof types.DeletingProductDocument,
    "\n  query DeletingProducts($search: String) { products(first: 100, search: $search) { nodes { id } totalCount } }\n": typeof types.DeletingProductsDocument,
    "\n  query DeletingCategories { categories }\n": typeof types.DeletingCategoriesDocument,
    "\n  query DeletingMyOrders { myOrders { nodes { ...OrderFields } } }\n": typeof types.DeletingMyOrdersDocument,
    "\n  query DeletingAllOrders { orders { nodes { ...OrderFields } } }\n": typeof types.DeletingAllOrdersDocument,
    "\n  mutation StatementsCancelOrder($id: ID!) { cancelOrder(id: $id) { id } }\n": typeof types.StatementsCancelOrderDocument,
    "\n        query StatementsOrders($first: Int) {\n          orders(first: $first) { nodes { id total user { email } items { quantity unitPrice product { name } } } }\n        }\n      ": typeof types.StatementsOrdersDocument,
    "\n        query StatementsShoppers($first: Int) {\n          users(first: $first, search: \"shopper\") {\n            nodes {\n              email\n              orders(first: 2) { totalCount nodes { id items { quantity } } }\n              pending: orders(first: 5, status: PENDING) { totalCount }\n            }\n          }\n        }\n      ": typeof types.StatementsShoppersDocument,
    "mutation StorefrontLogin($email: String!, $password: String!) { login(email: $email, password: $password) { token } }": typeof types.StorefrontLoginDocument,
    "query StorefrontOrderStatus($id: ID!) { order(id: $id) { status } }": typeof types.StorefrontOrderStatusDocument,
    "query StorefrontMyOrderCount { myOrders { totalCount } }": typeof types.StorefrontMyOrderCountDocument,
    "mutation StorefrontPlaceOne { placeOrder(input: { items: [{ productId: \"1\", quantity: 1 }] }) { id } }": typeof types.StorefrontPlaceOneDocument,
    "query StorefrontLanternCount { products(search: \"storm lantern\") { totalCount } }": typeof types.StorefrontLanternCountDocument,
    "mutation StorefrontCreateCandle { createProduct(input: { name: \"Beeswax Pillar Candle\", description: \"Hand-poured.\", price: \"12.00\", stock: 3, category: \"Home & Kitchen\" }) { id } }": typeof types.StorefrontCreateCandleDocument,
    "query StorefrontStock($id: ID!) { product(id: $id) { stock } }": typeof types.StorefrontStockDocument,
    "mutation StorefrontRegister($email: String!) { register(input: { email: $email, password: \"correct horse battery\" }) { token } }": typeof types.StorefrontRegisterDocument,
    "mutation StorefrontWrongLogin($email: String!) { login(email: $email, password: \"wrong password\") { token } }": typeof types.StorefrontWrongLoginDocument,
    "\n  mutation RacePlaceOrder($input: PlaceOrderInput!) {\n    placeOrder(input: $input) { id status items { quantity product { id } } }\n  }\n": typeof types.RacePlaceOrderDocument,
    "\n  mutation RaceCancelOrder($id: ID!) { cancelOrder(id: $id) { id status } }\n": typeof types.RaceCancelOrderDocument,
    "\n  fragment OrderFields on Order {\n    id status total createdAt updatedAt\n    user { id email }\n    items { id productName quantity unitPrice lineTotal product { id name price archived } }\n  }\n": typeof types.OrderFieldsFragmentDoc,
    "\n  mutation SuitePlaceOrder($input: PlaceOrderInput!) { placeOrder(input: $input) { ...OrderFields } }\n": typeof types.SuitePlaceOrderDocument,
    "\n  mutation SuiteCancelOrder($id: ID!) { cancelOrder(id: $id) { ...OrderFields } }\n": typeof types.SuiteCancelOrderDocument,
    "\n  mutation SuiteUpdateOrderStatus($id: ID!, $status: OrderStatus!) { updateOrderStatus(id: $id, status: $status) { ...OrderFields } }\n": typeof types.SuiteUpdateOrderStatusDocument,
    "\n  query SuiteOrder($id: ID!) { order(id: $id) { ...OrderFields } }\n": typeof types.SuiteOrderDocument,
    "\n  query RevocationMe { me { id email role } }\n": typeof types.RevocationMeDocument,
    "\n  query RevocationMeId { me { id } }\n": typeof types.RevocationMeIdDocument,
    "\n  mutation RevocationLogin($email: String!, $password: String!) {\n    login(email: $email, password: $password) { token user { id } }\n  }\n": typeof types.RevocationLoginDocument,
    "\n  mutation RevocationLogout { logout }\n": typeof types.RevocationLogoutDocument,
    "\n  mutation RevocationChangePassword($current: String!, $next: String!) {\n    changePassword(currentPassword: $current, newPassword: $next) { token expiresAt user { id email role } }\n  }\n": typeof types.RevocationChangePasswordDocument,
    "\n  mutation RevocationUpdateRole($id: ID!, $role: Role!) { updateUserRole(id: $id, role: $role) { id email role } }\n": typeof types.RevocationUpdateRoleDocument,
};
const documents: Documents = {
    "\n  fragment AccountUserFields on User { id email role createdAt updatedAt }\n": types.AccountUserFieldsFragmentDoc,
    "\n  mutation AccountsRegister($input: RegisterInput!) {\n    register(input: $input) { token expiresAt user { ...AccountUserFields } }\n  }\n": types.AccountsRegisterDocument,
    "\n  mutation AccountsLogin($email: String!, $password: String!) {\n    login(email: $email, password: $password) { token expiresAt user { ...AccountUserFields } }\n  }\n": types.AccountsLoginDocument,
    "\n  query AccountsMe { me { ...AccountUserFields } }\n": types.AccountsMeDocument,
    "\n  query AccountsPublicProducts { products(first: 1) { totalCount } }\n": types.AccountsPublicProductsDocument,
    "\n  query AccountsUsers($first: Int, $after: String, $search: String) {\n    users(first: $first, after: $after, search: $search) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { cursor node { ...AccountUserFields } }\n      nodes { ...AccountUserFields }\n    }\n  }\n": types.AccountsUsersDocument,
    "\n  query AccountsUser($id: ID!) { user(id: $id) { ...AccountUserFields } }\n": types.AccountsUserDocument,
    "\n  query AccountsUserTypeFields { __type(name: \"User\") { fields { name } } }\n": types.AccountsUserTypeFieldsDocument,
    "\n  fragment CatalogProductFields on Product { id name description price stock category createdAt updatedAt }\n": types.CatalogProductFieldsFragmentDoc,
    "\n  mutation CatalogCreate($input: ProductInput!) { createProduct(input: $input) { ...CatalogProductFields } }\n": types.CatalogCreateDocument,
    "\n  mutation CatalogUpdate($id: ID!, $input: ProductUpdateInput!) { updateProduct(id: $id, input: $input) { ...CatalogProductFields } }\n": types.CatalogUpdateDocument,
    "\n  mutation CatalogDelete($id: ID!) { deleteProduct(id: $id) }\n": types.CatalogDeleteDocument,
    "\n  query CatalogProduct($id: ID!) { product(id: $id) { ...CatalogProductFields } }\n": types.CatalogProductDocument,
    "\n  query CatalogCategories { categories }\n": types.CatalogCategoriesDocument,
    "\n  query CatalogProducts(\n    $first: Int, $after: String, $search: String, $category: String,\n    $minPrice: Money, $maxPrice: Money, $inStock: Boolean, $sort: ProductSort\n  ) {\n    products(\n      first: $first, after: $after, search: $search, category: $category,\n      minPrice: $minPrice, maxPrice: $maxPrice, inStock: $inStock, sort: $sort\n    ) {\n      nodes { ...CatalogProductFields }\n      pageInfo { hasNextPage endCursor }\n      totalCount\n    }\n  }\n": types.CatalogProductsDocument,
    "\n        query CatalogDefaultPage { products { nodes { id } pageInfo { hasNextPage endCursor } totalCount } }\n      ": types.CatalogDefaultPageDocument,
    "\n        query CatalogPriceLiterals { products(minPrice: 10, maxPrice: \"20.00\") { nodes { name } totalCount } }\n      ": types.CatalogPriceLiteralsDocument,
    "\n        query CatalogEdges { products(first: 3, sort: NAME_ASC) { edges { cursor node { id } } nodes { id } pageInfo { hasNextPage endCursor } } }\n      ": types.CatalogEdgesDocument,
    "\n  mutation CredentialsRegister($email: String!, $password: String!) {\n    register(input: { email: $email, password: $password }) { token user { id email } }\n  }\n": types.CredentialsRegisterDocument,
    "\n  mutation CredentialsLogin($email: String!, $password: String!) {\n    login(email: $email, password: $password) { token user { id email } }\n  }\n": types.CredentialsLoginDocument,
    "\n  query CredentialsMe { me { id email } }\n": types.CredentialsMeDocument,
    "\n  mutation CredentialsChangePassword($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) { token } }\n": types.CredentialsChangePasswordDocument,
    "\n  mutation CredentialsRegisterWithOrders($email: String!, $password: String!) {\n    register(input: { email: $email, password: $password }) {\n      token user { id orders(first: 5) { totalCount nodes { id } } }\n    }\n  }\n": types.CredentialsRegisterWithOrdersDocument,
    "\n  mutation CredentialsLoginWithOrders($email: String!, $password: String!) {\n    login(email: $email, password: $password) { token user { orders(first: 5) { nodes { id user { id } } } } }\n  }\n": types.CredentialsLoginWithOrdersDocument,
    "\n  mutation CredentialsCreateLamp { createProduct(input: { name: \"Lamp\", price: \"19.99\", stock: 5, category: \"Home\" }) { id } }\n": types.CredentialsCreateLampDocument,
    "\n  mutation CredentialsPlaceOne($p: ID!) { placeOrder(input: { items: [{ productId: $p, quantity: 1 }] }) { id } }\n": types.CredentialsPlaceOneDocument,
    "\n  mutation CredentialsRegisterThenLogout($email: String!, $password: String!) {\n    register(input: { email: $email, password: $password }) { token }\n    logout\n  }\n": types.CredentialsRegisterThenLogoutDocument,
    "\n  query ExpensiveSearch { products(first: 50, search: \"77\") { totalCount nodes { id } } }\n": types.ExpensiveSearchDocument,
    "\n  query ExpensiveProduct($id: ID!) { product(id: $id) { id } }\n": types.ExpensiveProductDocument,
    "\n  mutation ExecutorCreateProduct($input: ProductInput!) { createProduct(input: $input) { id } }\n": types.ExecutorCreateProductDocument,
    "\n  mutation ExecutorPlaceOrder($input: PlaceOrderInput!) { placeOrder(input: $input) { id } }\n": types.ExecutorPlaceOrderDocument,
    "\n  mutation FloodRegister($email: String!, $password: String!) {\n    register(input: { email: $email, password: $password }) { token }\n  }\n": types.FloodRegisterDocument,
    "\n  mutation FloodLogin($email: String!, $password: String!) {\n    login(email: $email, password: $password) { token user { email } }\n  }\n": types.FloodLoginDocument,
    "\n  query HttpProductCount { products(first: 1) { totalCount } }\n": types.HttpProductCountDocument,
    "\n  mutation HardeningSignIn($e: String!, $p: String!) { login(email: $e, password: $p) { token } }\n": types.HardeningSignInDocument,
    "\n  query HardeningMe { me { email } }\n": types.HardeningMeDocument,
    "\n  query LoaderOrders($first: Int) { orders(first: $first) { nodes { id items { quantity product { name } } } } }\n": types.LoaderOrdersDocument,
    "\n  mutation LoaderPlaceOrder($input: PlaceOrderInput!) { placeOrder(input: $input) { id } }\n": types.LoaderPlaceOrderDocument,
    "\n  mutation ThrottleLogin($email: String!, $password: String!) {\n    login(email: $email, password: $password) { token user { email } }\n  }\n": types.ThrottleLoginDocument,
    "\n  mutation ThrottleChangePassword($current: String!, $next: String!) {\n    changePassword(currentPassword: $current, newPassword: $next) { token }\n  }\n": types.ThrottleChangePasswordDocument,
    "\n  mutation HoardingMarkPaid($id: ID!) { updateOrderStatus(id: $id, status: PAID) { id status } }\n": types.HoardingMarkPaidDocument,
    "\n  fragment OrderConnectionFields on OrderConnection {\n    edges { cursor node { id } } nodes { id status user { id } } pageInfo { hasNextPage endCursor } totalCount\n  }\n": types.OrderConnectionFieldsFragmentDoc,
    "\n  query Mine($first: Int, $after: String, $status: OrderStatus) {\n    myOrders(first: $first, after: $after, status: $status) { ...OrderConnectionFields }\n  }\n": types.MineDocument,
    "\n  query All($first: Int, $after: String, $status: OrderStatus, $userId: ID) {\n    orders(first: $first, after: $after, status: $status, userId: $userId) { ...OrderConnectionFields }\n  }\n": types.AllDocument,
    "\n  query MeOrders { me { id orders(first: 100) { ...OrderConnectionFields } } }\n": types.MeOrdersDocument,
    "\n  query UserOrders($id: ID!) { user(id: $id) { id orders(first: 100) { ...OrderConnectionFields } } }\n": types.UserOrdersDocument,
    "\n  mutation DeletingUpdateProduct($id: ID!, $input: ProductUpdateInput!) { updateProduct(id: $id, input: $input) { id name price } }\n": types.DeletingUpdateProductDocument,
    "\n  mutation DeletingDeleteProduct($id: ID!) { deleteProduct(id: $id) }\n": types.DeletingDeleteProductDocument,
    "\n  query DeletingProduct($id: ID!) { product(id: $id) { id name } }\n": types.DeletingProductDocument,
    "\n  query DeletingProducts($search: String) { products(first: 100, search: $search) { nodes { id } totalCount } }\n": types.DeletingProductsDocument,
    "\n  query DeletingCategories { categories }\n": types.DeletingCategoriesDocument,
    "\n  query DeletingMyOrders { myOrders { nodes { ...OrderFields } } }\n": types.DeletingMyOrdersDocument,
    "\n  query DeletingAllOrders { orders { nodes { ...OrderFields } } }\n": types.DeletingAllOrdersDocument,
    "\n  mutation StatementsCancelOrder($id: ID!) { cancelOrder(id: $id) { id } }\n": types.StatementsCancelOrderDocument,
    "\n        query StatementsOrders($first: Int) {\n          orders(first: $first) { nodes { id total user { email } items { quantity unitPrice product { name } } } }\n        }\n      ": types.StatementsOrdersDocument,
    "\n        query StatementsShoppers($first: Int) {\n          users(first: $first, search: \"shopper\") {\n            nodes {\n              email\n              orders(first: 2) { totalCount nodes { id items { quantity } } }\n              pending: orders(first: 5, status: PENDING) { totalCount }\n            }\n          }\n        }\n      ": types.StatementsShoppersDocument,
    "mutation StorefrontLogin($email: String!, $password: String!) { login(email: $email, password: $password) { token } }": types.StorefrontLoginDocument,
    "query StorefrontOrderStatus($id: ID!) { order(id: $id) { status } }": types.StorefrontOrderStatusDocument,
    "query StorefrontMyOrderCount { myOrders { totalCount } }": types.StorefrontMyOrderCountDocument,
    "mutation StorefrontPlaceOne { placeOrder(input: { items: [{ productId: \"1\", quantity: 1 }] }) { id } }": types.StorefrontPlaceOneDocument,
    "query StorefrontLanternCount { products(search: \"storm lantern\") { totalCount } }": types.StorefrontLanternCountDocument,
    "mutation StorefrontCreateCandle { createProduct(input: { name: \"Beeswax Pillar Candle\", description: \"Hand-poured.\", price: \"12.00\", stock: 3, category: \"Home & Kitchen\" }) { id } }": types.StorefrontCreateCandleDocument,
    "query StorefrontStock($id: ID!) { product(id: $id) { stock } }": types.StorefrontStockDocument,
    "mutation StorefrontRegister($email: String!) { register(input: { email: $email, password: \"correct horse battery\" }) { token } }": types.StorefrontRegisterDocument,
    "mutation StorefrontWrongLogin($email: String!) { login(email: $email, password: \"wrong password\") { token } }": types.StorefrontWrongLoginDocument,
    "\n  mutation RacePlaceOrder($input: PlaceOrderInput!) {\n    placeOrder(input: $input) { id status items { quantity product { id } } }\n  }\n": types.RacePlaceOrderDocument,
    "\n  mutation RaceCancelOrder($id: ID!) { cancelOrder(id: $id) { id status } }\n": types.RaceCancelOrderDocument,
    "\n  fragment OrderFields on Order {\n    id status total createdAt updatedAt\n    user { id email }\n    items { id productName quantity unitPrice lineTotal product { id name price archived } }\n  }\n": types.OrderFieldsFragmentDoc,
    "\n  mutation SuitePlaceOrder($input: PlaceOrderInput!) { placeOrder(input: $input) { ...OrderFields } }\n": types.SuitePlaceOrderDocument,
    "\n  mutation SuiteCancelOrder($id: ID!) { cancelOrder(id: $id) { ...OrderFields } }\n": types.SuiteCancelOrderDocument,
    "\n  mutation SuiteUpdateOrderStatus($id: ID!, $status: OrderStatus!) { updateOrderStatus(id: $id, status: $status) { ...OrderFields } }\n": types.SuiteUpdateOrderStatusDocument,
    "\n  query SuiteOrder($id: ID!) { order(id: $id) { ...OrderFields } }\n": types.SuiteOrderDocument,
    "\n  query RevocationMe { me { id email role } }\n": types.RevocationMeDocument,
    "\n  query RevocationMeId { me { id } }\n": types.RevocationMeIdDocument,
    "\n  mutation RevocationLogin($email: String!, $password: String!) {\n    login(email: $email, password: $password) { token user { id } }\n  }\n": types.RevocationLoginDocument,
    "\n  mutation RevocationLogout { logout }\n": types.RevocationLogoutDocument,
    "\n  mutation RevocationChangePassword($current: String!, $next: String!) {\n    changePassword(currentPassword: $current, newPassword: $next) { token expiresAt user { id email role } }\n  }\n": types.RevocationChangePasswordDocument,
    "\n  mutation RevocationUpdateRole($id: ID!, $role: Role!) { updateUserRole(id: $id, role: $role) { id email role } }\n": types.RevocationUpdateRoleDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AccountUserFields on User { id email role createdAt updatedAt }\n"): typeof import('./graphql').AccountUserFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AccountsRegister($input: RegisterInput!) {\n    register(input: $input) { token expiresAt user { ...AccountUserFields } }\n  }\n"): typeof import('./graphql').AccountsRegisterDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AccountsLogin($email: String!, $password: String!) {\n    login(email: $email, password: $password) { token expiresAt user { ...AccountUserFields } }\n  }\n"): typeof import('./graphql').AccountsLoginDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccountsMe { me { ...AccountUserFields } }\n"): typeof import('./graphql').AccountsMeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccountsPublicProducts { products(first: 1) { totalCount } }\n"): typeof import('./graphql').AccountsPublicProductsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccountsUsers($first: Int, $after: String, $search: String) {\n    users(first: $first, after: $after, search: $search) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { cursor node { ...AccountUserFields } }\n      nodes { ...AccountUserFields }\n    }\n  }\n"): typeof import('./graphql').AccountsUsersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccountsUser($id: ID!) { user(id: $id) { ...AccountUserFields } }\n"): typeof import('./graphql').AccountsUserDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccountsUserTypeFields { __type(name: \"User\") { fields { name } } }\n"): typeof import('./graphql').AccountsUserTypeFieldsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CatalogProductFields on Product { id name description price stock category createdAt updatedAt }\n"): typeof import('./graphql').CatalogProductFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CatalogCreate($input: ProductInput!) { createProduct(input: $input) { ...CatalogProductFields } }\n"): typeof import('./graphql').CatalogCreateDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CatalogUpdate($id: ID!, $input: ProductUpdateInput!) { updateProduct(id: $id, input: $input) { ...CatalogProductFields } }\n"): typeof import('./graphql').CatalogUpdateDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CatalogDelete($id: ID!) { deleteProduct(id: $id) }\n"): typeof import('./graphql').CatalogDeleteDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CatalogProduct($id: ID!) { product(id: $id) { ...CatalogProductFields } }\n"): typeof import('./graphql').CatalogProductDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CatalogCategories { categories }\n"): typeof import('./graphql').CatalogCategoriesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CatalogProducts(\n    $first: Int, $after: String, $search: String, $category: String,\n    $minPrice: Money, $maxPrice: Money, $inStock: Boolean, $sort: ProductSort\n  ) {\n    products(\n      first: $first, after: $after, search: $search, category: $category,\n      minPrice: $minPrice, maxPrice: $maxPrice, inStock: $inStock, sort: $sort\n    ) {\n      nodes { ...CatalogProductFields }\n      pageInfo { hasNextPage endCursor }\n      totalCount\n    }\n  }\n"): typeof import('./graphql').CatalogProductsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n        query CatalogDefaultPage { products { nodes { id } pageInfo { hasNextPage endCursor } totalCount } }\n      "): typeof import('./graphql').CatalogDefaultPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n        query CatalogPriceLiterals { products(minPrice: 10, maxPrice: \"20.00\") { nodes { name } totalCount } }\n      "): typeof import('./graphql').CatalogPriceLiteralsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n        query CatalogEdges { products(first: 3, sort: NAME_ASC) { edges { cursor node { id } } nodes { id } pageInfo { hasNextPage endCursor } } }\n      "): typeof import('./graphql').CatalogEdgesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CredentialsRegister($email: String!, $password: String!) {\n    register(input: { email: $email, password: $password }) { token user { id email } }\n  }\n"): typeof import('./graphql').CredentialsRegisterDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CredentialsLogin($email: String!, $password: String!) {\n    login(email: $email, password: $password) { token user { id email } }\n  }\n"): typeof import('./graphql').CredentialsLoginDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CredentialsMe { me { id email } }\n"): typeof import('./graphql').CredentialsMeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CredentialsChangePassword($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) { token } }\n"): typeof import('./graphql').CredentialsChangePasswordDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CredentialsRegisterWithOrders($email: String!, $password: String!) {\n    register(input: { email: $email, password: $password }) {\n      token user { id orders(first: 5) { totalCount nodes { id } } }\n    }\n  }\n"): typeof import('./graphql').CredentialsRegisterWithOrdersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CredentialsLoginWithOrders($email: String!, $password: String!) {\n    login(email: $email, password: $password) { token user { orders(first: 5) { nodes { id user { id } } } } }\n  }\n"): typeof import('./graphql').CredentialsLoginWithOrdersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CredentialsCreateLamp { createProduct(input: { name: \"Lamp\", price: \"19.99\", stock: 5, category: \"Home\" }) { id } }\n"): typeof import('./graphql').CredentialsCreateLampDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CredentialsPlaceOne($p: ID!) { placeOrder(input: { items: [{ productId: $p, quantity: 1 }] }) { id } }\n"): typeof import('./graphql').CredentialsPlaceOneDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CredentialsRegisterThenLogout($email: String!, $password: String!) {\n    register(input: { email: $email, password: $password }) { token }\n    logout\n  }\n"): typeof import('./graphql').CredentialsRegisterThenLogoutDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExpensiveSearch { products(first: 50, search: \"77\") { totalCount nodes { id } } }\n"): typeof import('./graphql').ExpensiveSearchDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExpensiveProduct($id: ID!) { product(id: $id) { id } }\n"): typeof import('./graphql').ExpensiveProductDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ExecutorCreateProduct($input: ProductInput!) { createProduct(input: $input) { id } }\n"): typeof import('./graphql').ExecutorCreateProductDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ExecutorPlaceOrder($input: PlaceOrderInput!) { placeOrder(input: $input) { id } }\n"): typeof import('./graphql').ExecutorPlaceOrderDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FloodRegister($email: String!, $password: String!) {\n    register(input: { email: $email, password: $password }) { token }\n  }\n"): typeof import('./graphql').FloodRegisterDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FloodLogin($email: String!, $password: String!) {\n    login(email: $email, password: $password) { token user { email } }\n  }\n"): typeof import('./graphql').FloodLoginDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HttpProductCount { products(first: 1) { totalCount } }\n"): typeof import('./graphql').HttpProductCountDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation HardeningSignIn($e: String!, $p: String!) { login(email: $e, password: $p) { token } }\n"): typeof import('./graphql').HardeningSignInDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HardeningMe { me { email } }\n"): typeof import('./graphql').HardeningMeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LoaderOrders($first: Int) { orders(first: $first) { nodes { id items { quantity product { name } } } } }\n"): typeof import('./graphql').LoaderOrdersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LoaderPlaceOrder($input: PlaceOrderInput!) { placeOrder(input: $input) { id } }\n"): typeof import('./graphql').LoaderPlaceOrderDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ThrottleLogin($email: String!, $password: String!) {\n    login(email: $email, password: $password) { token user { email } }\n  }\n"): typeof import('./graphql').ThrottleLoginDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ThrottleChangePassword($current: String!, $next: String!) {\n    changePassword(currentPassword: $current, newPassword: $next) { token }\n  }\n"): typeof import('./graphql').ThrottleChangePasswordDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation HoardingMarkPaid($id: ID!) { updateOrderStatus(id: $id, status: PAID) { id status } }\n"): typeof import('./graphql').HoardingMarkPaidDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment OrderConnectionFields on OrderConnection {\n    edges { cursor node { id } } nodes { id status user { id } } pageInfo { hasNextPage endCursor } totalCount\n  }\n"): typeof import('./graphql').OrderConnectionFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Mine($first: Int, $after: String, $status: OrderStatus) {\n    myOrders(first: $first, after: $after, status: $status) { ...OrderConnectionFields }\n  }\n"): typeof import('./graphql').MineDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query All($first: Int, $after: String, $status: OrderStatus, $userId: ID) {\n    orders(first: $first, after: $after, status: $status, userId: $userId) { ...OrderConnectionFields }\n  }\n"): typeof import('./graphql').AllDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MeOrders { me { id orders(first: 100) { ...OrderConnectionFields } } }\n"): typeof import('./graphql').MeOrdersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UserOrders($id: ID!) { user(id: $id) { id orders(first: 100) { ...OrderConnectionFields } } }\n"): typeof import('./graphql').UserOrdersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeletingUpdateProduct($id: ID!, $input: ProductUpdateInput!) { updateProduct(id: $id, input: $input) { id name price } }\n"): typeof import('./graphql').DeletingUpdateProductDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeletingDeleteProduct($id: ID!) { deleteProduct(id: $id) }\n"): typeof import('./graphql').DeletingDeleteProductDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DeletingProduct($id: ID!) { product(id: $id) { id name } }\n"): typeof import('./graphql').DeletingProductDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DeletingProducts($search: String) { products(first: 100, search: $search) { nodes { id } totalCount } }\n"): typeof import('./graphql').DeletingProductsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DeletingCategories { categories }\n"): typeof import('./graphql').DeletingCategoriesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DeletingMyOrders { myOrders { nodes { ...OrderFields } } }\n"): typeof import('./graphql').DeletingMyOrdersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DeletingAllOrders { orders { nodes { ...OrderFields } } }\n"): typeof import('./graphql').DeletingAllOrdersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StatementsCancelOrder($id: ID!) { cancelOrder(id: $id) { id } }\n"): typeof import('./graphql').StatementsCancelOrderDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n        query StatementsOrders($first: Int) {\n          orders(first: $first) { nodes { id total user { email } items { quantity unitPrice product { name } } } }\n        }\n      "): typeof import('./graphql').StatementsOrdersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n        query StatementsShoppers($first: Int) {\n          users(first: $first, search: \"shopper\") {\n            nodes {\n              email\n              orders(first: 2) { totalCount nodes { id items { quantity } } }\n              pending: orders(first: 5, status: PENDING) { totalCount }\n            }\n          }\n        }\n      "): typeof import('./graphql').StatementsShoppersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation StorefrontLogin($email: String!, $password: String!) { login(email: $email, password: $password) { token } }"): typeof import('./graphql').StorefrontLoginDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query StorefrontOrderStatus($id: ID!) { order(id: $id) { status } }"): typeof import('./graphql').StorefrontOrderStatusDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query StorefrontMyOrderCount { myOrders { totalCount } }"): typeof import('./graphql').StorefrontMyOrderCountDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation StorefrontPlaceOne { placeOrder(input: { items: [{ productId: \"1\", quantity: 1 }] }) { id } }"): typeof import('./graphql').StorefrontPlaceOneDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query StorefrontLanternCount { products(search: \"storm lantern\") { totalCount } }"): typeof import('./graphql').StorefrontLanternCountDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation StorefrontCreateCandle { createProduct(input: { name: \"Beeswax Pillar Candle\", description: \"Hand-poured.\", price: \"12.00\", stock: 3, category: \"Home & Kitchen\" }) { id } }"): typeof import('./graphql').StorefrontCreateCandleDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query StorefrontStock($id: ID!) { product(id: $id) { stock } }"): typeof import('./graphql').StorefrontStockDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation StorefrontRegister($email: String!) { register(input: { email: $email, password: \"correct horse battery\" }) { token } }"): typeof import('./graphql').StorefrontRegisterDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation StorefrontWrongLogin($email: String!) { login(email: $email, password: \"wrong password\") { token } }"): typeof import('./graphql').StorefrontWrongLoginDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RacePlaceOrder($input: PlaceOrderInput!) {\n    placeOrder(input: $input) { id status items { quantity product { id } } }\n  }\n"): typeof import('./graphql').RacePlaceOrderDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RaceCancelOrder($id: ID!) { cancelOrder(id: $id) { id status } }\n"): typeof import('./graphql').RaceCancelOrderDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment OrderFields on Order {\n    id status total createdAt updatedAt\n    user { id email }\n    items { id productName quantity unitPrice lineTotal product { id name price archived } }\n  }\n"): typeof import('./graphql').OrderFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SuitePlaceOrder($input: PlaceOrderInput!) { placeOrder(input: $input) { ...OrderFields } }\n"): typeof import('./graphql').SuitePlaceOrderDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SuiteCancelOrder($id: ID!) { cancelOrder(id: $id) { ...OrderFields } }\n"): typeof import('./graphql').SuiteCancelOrderDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SuiteUpdateOrderStatus($id: ID!, $status: OrderStatus!) { updateOrderStatus(id: $id, status: $status) { ...OrderFields } }\n"): typeof import('./graphql').SuiteUpdateOrderStatusDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SuiteOrder($id: ID!) { order(id: $id) { ...OrderFields } }\n"): typeof import('./graphql').SuiteOrderDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RevocationMe { me { id email role } }\n"): typeof import('./graphql').RevocationMeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RevocationMeId { me { id } }\n"): typeof import('./graphql').RevocationMeIdDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevocationLogin($email: String!, $password: String!) {\n    login(email: $email, password: $password) { token user { id } }\n  }\n"): typeof import('./graphql').RevocationLoginDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevocationLogout { logout }\n"): typeof import('./graphql').RevocationLogoutDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevocationChangePassword($current: String!, $next: String!) {\n    changePassword(currentPassword: $current, newPassword: $next) { token expiresAt user { id email role } }\n  }\n"): typeof import('./graphql').RevocationChangePasswordDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevocationUpdateRole($id: ID!, $role: Role!) { updateUserRole(id: $id, role: $role) { id email role } }\n"): typeof import('./graphql').RevocationUpdateRoleDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
