/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type OrderLineInput = {
  productId: string | number;
  /** An integer from 1 to 1,000. */
  quantity: number;
};

export type OrderStatus =
  | 'CANCELLED'
  | 'DELIVERED'
  | 'PAID'
  | 'PENDING'
  | 'SHIPPED';

export type PlaceOrderInput = {
  /**
   * Makes retries safe: the same key from the same user returns the original order and changes
   * nothing; the same key with different items is a CONFLICT. Keys are kept as long as the order.
   */
  idempotencyKey?: string | null | undefined;
  /** 1 to 100 lines; lines for the same product are merged. */
  items: Array<OrderLineInput>;
};

export type ProductInput = {
  /** 1 to 100 characters. */
  category: string;
  /** At most 5,000 characters. */
  description?: string | null | undefined;
  /** 1 to 200 characters. */
  name: string;
  /** At least 0, at most 1000000.00. */
  price: string | number;
  /** An integer from 0 to 1,000,000,000. */
  stock: number;
};

export type ProductSort =
  | 'NAME_ASC'
  /** Most recently created first. */
  | 'NEWEST'
  | 'PRICE_ASC'
  | 'PRICE_DESC'
  /** With a search: products whose name alone matches first, then the others; newest first within each. Without a search: NEWEST. */
  | 'RELEVANCE';

export type ProductUpdateInput = {
  category?: string | null | undefined;
  description?: string | null | undefined;
  name?: string | null | undefined;
  price?: string | number | null | undefined;
  stock?: number | null | undefined;
};

export type RegisterInput = {
  /**
   * A valid address, stored trimmed, in Unicode NFC and in lower case. No invisible characters, no
   * marks drawn over Latin, Greek or Cyrillic letters, no mixing of those alphabets in one part.
   */
  email: string;
  /**
   * 8 to 72 bytes in UTF-8, counted in Unicode NFC (composed and decomposed accents are the same
   * password). No control characters or unpaired surrogates; not only spaces.
   */
  password: string;
};

export type Role =
  | 'ADMIN'
  | 'USER';

export type AccountUserFieldsFragment = { id: string, email: string, role: Role, createdAt: string, updatedAt: string };

export type AccountsRegisterMutationVariables = Exact<{
  input: RegisterInput;
}>;


export type AccountsRegisterMutation = { register: { token: string, expiresAt: string, user: { id: string, email: string, role: Role, createdAt: string, updatedAt: string } } };

export type AccountsLoginMutationVariables = Exact<{
  email: string;
  password: string;
}>;


export type AccountsLoginMutation = { login: { token: string, expiresAt: string, user: { id: string, email: string, role: Role, createdAt: string, updatedAt: string } } };

export type AccountsMeQueryVariables = Exact<{ [key: string]: never; }>;


export type AccountsMeQuery = { me: { id: string, email: string, role: Role, createdAt: string, updatedAt: string } | null };

export type AccountsPublicProductsQueryVariables = Exact<{ [key: string]: never; }>;


export type AccountsPublicProductsQuery = { products: { totalCount: number } };

export type AccountsUsersQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  search?: string | null | undefined;
}>;


export type AccountsUsersQuery = { users: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string, email: string, role: Role, createdAt: string, updatedAt: string } }>, nodes: Array<{ id: string, email: string, role: Role, createdAt: string, updatedAt: string }> } };

export type AccountsUserQueryVariables = Exact<{
  id: string | number;
}>;


export type AccountsUserQuery = { user: { id: string, email: string, role: Role, createdAt: string, updatedAt: string } | null };

export type AccountsUserTypeFieldsQueryVariables = Exact<{ [key: string]: never; }>;


export type AccountsUserTypeFieldsQuery = { __type: { fields: Array<{ name: string }> | null } | null };

export type CatalogProductFieldsFragment = { id: string, name: string, description: string, price: string, stock: number, category: string, createdAt: string, updatedAt: string };

export type CatalogCreateMutationVariables = Exact<{
  input: ProductInput;
}>;


export type CatalogCreateMutation = { createProduct: { id: string, name: string, description: string, price: string, stock: number, category: string, createdAt: string, updatedAt: string } };

export type CatalogUpdateMutationVariables = Exact<{
  id: string | number;
  input: ProductUpdateInput;
}>;


export type CatalogUpdateMutation = { updateProduct: { id: string, name: string, description: string, price: string, stock: number, category: string, createdAt: string, updatedAt: string } };

export type CatalogDeleteMutationVariables = Exact<{
  id: string | number;
}>;


export type CatalogDeleteMutation = { deleteProduct: boolean };

export type CatalogProductQueryVariables = Exact<{
  id: string | number;
}>;


export type CatalogProductQuery = { product: { id: string, name: string, description: string, price: string, stock: number, category: string, createdAt: string, updatedAt: string } | null };

export type CatalogCategoriesQueryVariables = Exact<{ [key: string]: never; }>;


export type CatalogCategoriesQuery = { categories: Array<string> };

export type CatalogProductsQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  search?: string | null | undefined;
  category?: string | null | undefined;
  minPrice?: string | number | null | undefined;
  maxPrice?: string | number | null | undefined;
  inStock?: boolean | null | undefined;
  sort?: ProductSort | null | undefined;
}>;


export type CatalogProductsQuery = { products: { totalCount: number, nodes: Array<{ id: string, name: string, description: string, price: string, stock: number, category: string, createdAt: string, updatedAt: string }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type CatalogDefaultPageQueryVariables = Exact<{ [key: string]: never; }>;


export type CatalogDefaultPageQuery = { products: { totalCount: number, nodes: Array<{ id: string }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type CatalogPriceLiteralsQueryVariables = Exact<{ [key: string]: never; }>;


export type CatalogPriceLiteralsQuery = { products: { totalCount: number, nodes: Array<{ name: string }> } };

export type CatalogEdgesQueryVariables = Exact<{ [key: string]: never; }>;


export type CatalogEdgesQuery = { products: { edges: Array<{ cursor: string, node: { id: string } }>, nodes: Array<{ id: string }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type CredentialsRegisterMutationVariables = Exact<{
  email: string;
  password: string;
}>;


export type CredentialsRegisterMutation = { register: { token: string, user: { id: string, email: string } } };

export type CredentialsLoginMutationVariables = Exact<{
  email: string;
  password: string;
}>;


export type CredentialsLoginMutation = { login: { token: string, user: { id: string, email: string } } };

export type CredentialsMeQueryVariables = Exact<{ [key: string]: never; }>;


export type CredentialsMeQuery = { me: { id: string, email: string } | null };

export type CredentialsChangePasswordMutationVariables = Exact<{
  c: string;
  n: string;
}>;


export type CredentialsChangePasswordMutation = { changePassword: { token: string } };

export type CredentialsRegisterWithOrdersMutationVariables = Exact<{
  email: string;
  password: string;
}>;


export type CredentialsRegisterWithOrdersMutation = { register: { token: string, user: { id: string, orders: { totalCount: number, nodes: Array<{ id: string }> } } } };

export type CredentialsLoginWithOrdersMutationVariables = Exact<{
  email: string;
  password: string;
}>;


export type CredentialsLoginWithOrdersMutation = { login: { token: string, user: { orders: { nodes: Array<{ id: string, user: { id: string } }> } } } };

export type CredentialsCreateLampMutationVariables = Exact<{ [key: string]: never; }>;


export type CredentialsCreateLampMutation = { createProduct: { id: string } };

export type CredentialsPlaceOneMutationVariables = Exact<{
  p: string | number;
}>;


export type CredentialsPlaceOneMutation = { placeOrder: { id: string } };

export type CredentialsRegisterThenLogoutMutationVariables = Exact<{
  email: string;
  password: string;
}>;


export type CredentialsRegisterThenLogoutMutation = { logout: boolean, register: { token: string } };

export type ExpensiveSearchQueryVariables = Exact<{ [key: string]: never; }>;


export type ExpensiveSearchQuery = { products: { totalCount: number, nodes: Array<{ id: string }> } };

export type ExpensiveProductQueryVariables = Exact<{
  id: string | number;
}>;


export type ExpensiveProductQuery = { product: { id: string } | null };

export type ExecutorCreateProductMutationVariables = Exact<{
  input: ProductInput;
}>;


export type ExecutorCreateProductMutation = { createProduct: { id: string } };

export type ExecutorPlaceOrderMutationVariables = Exact<{
  input: PlaceOrderInput;
}>;


export type ExecutorPlaceOrderMutation = { placeOrder: { id: string } };

export type FloodRegisterMutationVariables = Exact<{
  email: string;
  password: string;
}>;


export type FloodRegisterMutation = { register: { token: string } };

export type FloodLoginMutationVariables = Exact<{
  email: string;
  password: string;
}>;


export type FloodLoginMutation = { login: { token: string, user: { email: string } } };

export type HttpProductCountQueryVariables = Exact<{ [key: string]: never; }>;


export type HttpProductCountQuery = { products: { totalCount: number } };

export type HardeningSignInMutationVariables = Exact<{
  e: string;
  p: string;
}>;


export type HardeningSignInMutation = { login: { token: string } };

export type HardeningMeQueryVariables = Exact<{ [key: string]: never; }>;


export type HardeningMeQuery = { me: { email: string } | null };

export type LoaderOrdersQueryVariables = Exact<{
  first?: number | null | undefined;
}>;


export type LoaderOrdersQuery = { orders: { nodes: Array<{ id: string, items: Array<{ quantity: number, product: { name: string } }> }> } };

export type LoaderPlaceOrderMutationVariables = Exact<{
  input: PlaceOrderInput;
}>;


export type LoaderPlaceOrderMutation = { placeOrder: { id: string } };

export type ThrottleLoginMutationVariables = Exact<{
  email: string;
  password: string;
}>;


export type ThrottleLoginMutation = { login: { token: string, user: { email: string } } };

export type ThrottleChangePasswordMutationVariables = Exact<{
  current: string;
  next: string;
}>;


export type ThrottleChangePasswordMutation = { changePassword: { token: string } };

export type HoardingMarkPaidMutationVariables = Exact<{
  id: string | number;
}>;


export type HoardingMarkPaidMutation = { updateOrderStatus: { id: string, status: OrderStatus } };

export type OrderConnectionFieldsFragment = { totalCount: number, edges: Array<{ cursor: string, node: { id: string } }>, nodes: Array<{ id: string, status: OrderStatus, user: { id: string } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } };

export type MineQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  status?: OrderStatus | null | undefined;
}>;


export type MineQuery = { myOrders: { totalCount: number, edges: Array<{ cursor: string, node: { id: string } }>, nodes: Array<{ id: string, status: OrderStatus, user: { id: string } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type AllQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  status?: OrderStatus | null | undefined;
  userId?: string | number | null | undefined;
}>;


export type AllQuery = { orders: { totalCount: number, edges: Array<{ cursor: string, node: { id: string } }>, nodes: Array<{ id: string, status: OrderStatus, user: { id: string } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type MeOrdersQueryVariables = Exact<{ [key: string]: never; }>;


export type MeOrdersQuery = { me: { id: string, orders: { totalCount: number, edges: Array<{ cursor: string, node: { id: string } }>, nodes: Array<{ id: string, status: OrderStatus, user: { id: string } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } } | null };

export type UserOrdersQueryVariables = Exact<{
  id: string | number;
}>;


export type UserOrdersQuery = { user: { id: string, orders: { totalCount: number, edges: Array<{ cursor: string, node: { id: string } }>, nodes: Array<{ id: string, status: OrderStatus, user: { id: string } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } } | null };

export type DeletingUpdateProductMutationVariables = Exact<{
  id: string | number;
  input: ProductUpdateInput;
}>;


export type DeletingUpdateProductMutation = { updateProduct: { id: string, name: string, price: string } };

export type DeletingDeleteProductMutationVariables = Exact<{
  id: string | number;
}>;


export type DeletingDeleteProductMutation = { deleteProduct: boolean };

export type DeletingProductQueryVariables = Exact<{
  id: string | number;
}>;


export type DeletingProductQuery = { product: { id: string, name: string } | null };

export type DeletingProductsQueryVariables = Exact<{
  search?: string | null | undefined;
}>;


export type DeletingProductsQuery = { products: { totalCount: number, nodes: Array<{ id: string }> } };

export type DeletingCategoriesQueryVariables = Exact<{ [key: string]: never; }>;


export type DeletingCategoriesQuery = { categories: Array<string> };

export type DeletingMyOrdersQueryVariables = Exact<{ [key: string]: never; }>;


export type DeletingMyOrdersQuery = { myOrders: { nodes: Array<{ id: string, status: OrderStatus, total: string, createdAt: string, updatedAt: string, user: { id: string, email: string }, items: Array<{ id: string, productName: string, quantity: number, unitPrice: string, lineTotal: string, product: { id: string, name: string, price: string, archived: boolean } }> }> } };

export type DeletingAllOrdersQueryVariables = Exact<{ [key: string]: never; }>;


export type DeletingAllOrdersQuery = { orders: { nodes: Array<{ id: string, status: OrderStatus, total: string, createdAt: string, updatedAt: string, user: { id: string, email: string }, items: Array<{ id: string, productName: string, quantity: number, unitPrice: string, lineTotal: string, product: { id: string, name: string, price: string, archived: boolean } }> }> } };

export type StatementsCancelOrderMutationVariables = Exact<{
  id: string | number;
}>;


export type StatementsCancelOrderMutation = { cancelOrder: { id: string } };

export type StatementsOrdersQueryVariables = Exact<{
  first?: number | null | undefined;
}>;


export type StatementsOrdersQuery = { orders: { nodes: Array<{ id: string, total: string, user: { email: string }, items: Array<{ quantity: number, unitPrice: string, product: { name: string } }> }> } };

export type StatementsShoppersQueryVariables = Exact<{
  first?: number | null | undefined;
}>;


export type StatementsShoppersQuery = { users: { nodes: Array<{ email: string, orders: { totalCount: number, nodes: Array<{ id: string, items: Array<{ quantity: number }> }> }, pending: { totalCount: number } }> } };

export type StorefrontLoginMutationVariables = Exact<{
  email: string;
  password: string;
}>;


export type StorefrontLoginMutation = { login: { token: string } };

export type StorefrontOrderStatusQueryVariables = Exact<{
  id: string | number;
}>;


export type StorefrontOrderStatusQuery = { order: { status: OrderStatus } | null };

export type StorefrontMyOrderCountQueryVariables = Exact<{ [key: string]: never; }>;


export type StorefrontMyOrderCountQuery = { myOrders: { totalCount: number } };

export type StorefrontPlaceOneMutationVariables = Exact<{ [key: string]: never; }>;


export type StorefrontPlaceOneMutation = { placeOrder: { id: string } };

export type StorefrontLanternCountQueryVariables = Exact<{ [key: string]: never; }>;


export type StorefrontLanternCountQuery = { products: { totalCount: number } };

export type StorefrontCreateCandleMutationVariables = Exact<{ [key: string]: never; }>;


export type StorefrontCreateCandleMutation = { createProduct: { id: string } };

export type StorefrontStockQueryVariables = Exact<{
  id: string | number;
}>;


export type StorefrontStockQuery = { product: { stock: number } | null };

export type StorefrontRegisterMutationVariables = Exact<{
  email: string;
}>;


export type StorefrontRegisterMutation = { register: { token: string } };

export type StorefrontWrongLoginMutationVariables = Exact<{
  email: string;
}>;


export type StorefrontWrongLoginMutation = { login: { token: string } };

export type RacePlaceOrderMutationVariables = Exact<{
  input: PlaceOrderInput;
}>;


export type RacePlaceOrderMutation = { placeOrder: { id: string, status: OrderStatus, items: Array<{ quantity: number, product: { id: string } }> } };

export type RaceCancelOrderMutationVariables = Exact<{
  id: string | number;
}>;


export type RaceCancelOrderMutation = { cancelOrder: { id: string, status: OrderStatus } };

export type OrderFieldsFragment = { id: string, status: OrderStatus, total: string, createdAt: string, updatedAt: string, user: { id: string, email: string }, items: Array<{ id: string, productName: string, quantity: number, unitPrice: string, lineTotal: string, product: { id: string, name: string, price: string, archived: boolean } }> };

export type SuitePlaceOrderMutationVariables = Exact<{
  input: PlaceOrderInput;
}>;


export type SuitePlaceOrderMutation = { placeOrder: { id: string, status: OrderStatus, total: string, createdAt: string, updatedAt: string, user: { id: string, email: string }, items: Array<{ id: string, productName: string, quantity: number, unitPrice: string, lineTotal: string, product: { id: string, name: string, price: string, archived: boolean } }> } };

export type SuiteCancelOrderMutationVariables = Exact<{
  id: string | number;
}>;


export type SuiteCancelOrderMutation = { cancelOrder: { id: string, status: OrderStatus, total: string, createdAt: string, updatedAt: string, user: { id: string, email: string }, items: Array<{ id: string, productName: string, quantity: number, unitPrice: string, lineTotal: string, product: { id: string, name: string, price: string, archived: boolean } }> } };

export type SuiteUpdateOrderStatusMutationVariables = Exact<{
  id: string | number;
  status: OrderStatus;
}>;


export type SuiteUpdateOrderStatusMutation = { updateOrderStatus: { id: string, status: OrderStatus, total: string, createdAt: string, updatedAt: string, user: { id: string, email: string }, items: Array<{ id: string, productName: string, quantity: number, unitPrice: string, lineTotal: string, product: { id: string, name: string, price: string, archived: boolean } }> } };

export type SuiteOrderQueryVariables = Exact<{
  id: string | number;
}>;


export type SuiteOrderQuery = { order: { id: string, status: OrderStatus, total: string, createdAt: string, updatedAt: string, user: { id: string, email: string }, items: Array<{ id: string, productName: string, quantity: number, unitPrice: string, lineTotal: string, product: { id: string, name: string, price: string, archived: boolean } }> } | null };

export type RevocationMeQueryVariables = Exact<{ [key: string]: never; }>;


export type RevocationMeQuery = { me: { id: string, email: string, role: Role } | null };

export type RevocationMeIdQueryVariables = Exact<{ [key: string]: never; }>;


export type RevocationMeIdQuery = { me: { id: string } | null };

export type RevocationLoginMutationVariables = Exact<{
  email: string;
  password: string;
}>;


export type RevocationLoginMutation = { login: { token: string, user: { id: string } } };

export type RevocationLogoutMutationVariables = Exact<{ [key: string]: never; }>;


export type RevocationLogoutMutation = { logout: boolean };

export type RevocationChangePasswordMutationVariables = Exact<{
  current: string;
  next: string;
}>;


export type RevocationChangePasswordMutation = { changePassword: { token: string, expiresAt: string, user: { id: string, email: string, role: Role } } };

export type RevocationUpdateRoleMutationVariables = Exact<{
  id: string | number;
  role: Role;
}>;


export type RevocationUpdateRoleMutation = { updateUserRole: { id: string, email: string, role: Role } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const AccountUserFieldsFragmentDoc = new TypedDocumentString(`
    fragment AccountUserFields on User {
  id
  email
  role
  createdAt
  updatedAt
}
    `, {"fragmentName":"AccountUserFields"}) as unknown as TypedDocumentString<AccountUserFieldsFragment, unknown>;
export const CatalogProductFieldsFragmentDoc = new TypedDocumentString(`
    fragment CatalogProductFields on Product {
  id
  name
  description
  price
  stock
  category
  createdAt
  updatedAt
}
    `, {"fragmentName":"CatalogProductFields"}) as unknown as TypedDocumentString<CatalogProductFieldsFragment, unknown>;
export const OrderConnectionFieldsFragmentDoc = new TypedDocumentString(`
    fragment OrderConnectionFields on OrderConnection {
  edges {
    cursor
    node {
      id
    }
  }
  nodes {
    id
    status
    user {
      id
    }
  }
  pageInfo {
    hasNextPage
    endCursor
  }
  totalCount
}
    `, {"fragmentName":"OrderConnectionFields"}) as unknown as TypedDocumentString<OrderConnectionFieldsFragment, unknown>;
export const OrderFieldsFragmentDoc = new TypedDocumentString(`
    fragment OrderFields on Order {
  id
  status
  total
  createdAt
  updatedAt
  user {
    id
    email
  }
  items {
    id
    productName
    quantity
    unitPrice
    lineTotal
    product {
      id
      name
      price
      archived
    }
  }
}
    `, {"fragmentName":"OrderFields"}) as unknown as TypedDocumentString<OrderFieldsFragment, unknown>;
export const AccountsRegisterDocument = new TypedDocumentString(`
    mutation AccountsRegister($input: RegisterInput!) {
  register(input: $input) {
    token
    expiresAt
    user {
      ...AccountUserFields
    }
  }
}
    fragment AccountUserFields on User {
  id
  email
  role
  createdAt
  updatedAt
}`) as unknown as TypedDocumentString<AccountsRegisterMutation, AccountsRegisterMutationVariables>;
export const AccountsLoginDocument = new TypedDocumentString(`
    mutation AccountsLogin($email: String!, $password: String!) {
  login(email: $email, password: $password) {
    token
    expiresAt
    user {
      ...AccountUserFields
    }
  }
}
    fragment AccountUserFields on User {
  id
  email
  role
  createdAt
  updatedAt
}`) as unknown as TypedDocumentString<AccountsLoginMutation, AccountsLoginMutationVariables>;
export const AccountsMeDocument = new TypedDocumentString(`
    query AccountsMe {
  me {
    ...AccountUserFields
  }
}
    fragment AccountUserFields on User {
  id
  email
  role
  createdAt
  updatedAt
}`) as unknown as TypedDocumentString<AccountsMeQuery, AccountsMeQueryVariables>;
export const AccountsPublicProductsDocument = new TypedDocumentString(`
    query AccountsPublicProducts {
  products(first: 1) {
    totalCount
  }
}
    `) as unknown as TypedDocumentString<AccountsPublicProductsQuery, AccountsPublicProductsQueryVariables>;
export const AccountsUsersDocument = new TypedDocumentString(`
    query AccountsUsers($first: Int, $after: String, $search: String) {
  users(first: $first, after: $after, search: $search) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      cursor
      node {
        ...AccountUserFields
      }
    }
    nodes {
      ...AccountUserFields
    }
  }
}
    fragment AccountUserFields on User {
  id
  email
  role
  createdAt
  updatedAt
}`) as unknown as TypedDocumentString<AccountsUsersQuery, AccountsUsersQueryVariables>;
export const AccountsUserDocument = new TypedDocumentString(`
    query AccountsUser($id: ID!) {
  user(id: $id) {
    ...AccountUserFields
  }
}
    fragment AccountUserFields on User {
  id
  email
  role
  createdAt
  updatedAt
}`) as unknown as TypedDocumentString<AccountsUserQuery, AccountsUserQueryVariables>;
export const AccountsUserTypeFieldsDocument = new TypedDocumentString(`
    query AccountsUserTypeFields {
  __type(name: "User") {
    fields {
      name
    }
  }
}
    `) as unknown as TypedDocumentString<AccountsUserTypeFieldsQuery, AccountsUserTypeFieldsQueryVariables>;
export const CatalogCreateDocument = new TypedDocumentString(`
    mutation CatalogCreate($input: ProductInput!) {
  createProduct(input: $input) {
    ...CatalogProductFields
  }
}
    fragment CatalogProductFields on Product {
  id
  name
  description
  price
  stock
  category
  createdAt
  updatedAt
}`) as unknown as TypedDocumentString<CatalogCreateMutation, CatalogCreateMutationVariables>;
export const CatalogUpdateDocument = new TypedDocumentString(`
    mutation CatalogUpdate($id: ID!, $input: ProductUpdateInput!) {
  updateProduct(id: $id, input: $input) {
    ...CatalogProductFields
  }
}
    fragment CatalogProductFields on Product {
  id
  name
  description
  price
  stock
  category
  createdAt
  updatedAt
}`) as unknown as TypedDocumentString<CatalogUpdateMutation, CatalogUpdateMutationVariables>;
export const CatalogDeleteDocument = new TypedDocumentString(`
    mutation CatalogDelete($id: ID!) {
  deleteProduct(id: $id)
}
    `) as unknown as TypedDocumentString<CatalogDeleteMutation, CatalogDeleteMutationVariables>;
export const CatalogProductDocument = new TypedDocumentString(`
    query CatalogProduct($id: ID!) {
  product(id: $id) {
    ...CatalogProductFields
  }
}
    fragment CatalogProductFields on Product {
  id
  name
  description
  price
  stock
  category
  createdAt
  updatedAt
}`) as unknown as TypedDocumentString<CatalogProductQuery, CatalogProductQueryVariables>;
export const CatalogCategoriesDocument = new TypedDocumentString(`
    query CatalogCategories {
  categories
}
    `) as unknown as TypedDocumentString<CatalogCategoriesQuery, CatalogCategoriesQueryVariables>;
export const CatalogProductsDocument = new TypedDocumentString(`
    query CatalogProducts($first: Int, $after: String, $search: String, $category: String, $minPrice: Money, $maxPrice: Money, $inStock: Boolean, $sort: ProductSort) {
  products(
    first: $first
    after: $after
    search: $search
    category: $category
    minPrice: $minPrice
    maxPrice: $maxPrice
    inStock: $inStock
    sort: $sort
  ) {
    nodes {
      ...CatalogProductFields
    }
    pageInfo {
      hasNextPage
      endCursor
    }
    totalCount
  }
}
    fragment CatalogProductFields on Product {
  id
  name
  description
  price
  stock
  category
  createdAt
  updatedAt
}`) as unknown as TypedDocumentString<CatalogProductsQuery, CatalogProductsQueryVariables>;
export const CatalogDefaultPageDocument = new TypedDocumentString(`
    query CatalogDefaultPage {
  products {
    nodes {
      id
    }
    pageInfo {
      hasNextPage
      endCursor
    }
    totalCount
  }
}
    `) as unknown as TypedDocumentString<CatalogDefaultPageQuery, CatalogDefaultPageQueryVariables>;
export const CatalogPriceLiteralsDocument = new TypedDocumentString(`
    query CatalogPriceLiterals {
  products(minPrice: 10, maxPrice: "20.00") {
    nodes {
      name
    }
    totalCount
  }
}
    `) as unknown as TypedDocumentString<CatalogPriceLiteralsQuery, CatalogPriceLiteralsQueryVariables>;
export const CatalogEdgesDocument = new TypedDocumentString(`
    query CatalogEdges {
  products(first: 3, sort: NAME_ASC) {
    edges {
      cursor
      node {
        id
      }
    }
    nodes {
      id
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<CatalogEdgesQuery, CatalogEdgesQueryVariables>;
export const CredentialsRegisterDocument = new TypedDocumentString(`
    mutation CredentialsRegister($email: String!, $password: String!) {
  register(input: {email: $email, password: $password}) {
    token
    user {
      id
      email
    }
  }
}
    `) as unknown as TypedDocumentString<CredentialsRegisterMutation, CredentialsRegisterMutationVariables>;
export const CredentialsLoginDocument = new TypedDocumentString(`
    mutation CredentialsLogin($email: String!, $password: String!) {
  login(email: $email, password: $password) {
    token
    user {
      id
      email
    }
  }
}
    `) as unknown as TypedDocumentString<CredentialsLoginMutation, CredentialsLoginMutationVariables>;
export const CredentialsMeDocument = new TypedDocumentString(`
    query CredentialsMe {
  me {
    id
    email
  }
}
    `) as unknown as TypedDocumentString<CredentialsMeQuery, CredentialsMeQueryVariables>;
export const CredentialsChangePasswordDocument = new TypedDocumentString(`
    mutation CredentialsChangePassword($c: String!, $n: String!) {
  changePassword(currentPassword: $c, newPassword: $n) {
    token
  }
}
    `) as unknown as TypedDocumentString<CredentialsChangePasswordMutation, CredentialsChangePasswordMutationVariables>;
export const CredentialsRegisterWithOrdersDocument = new TypedDocumentString(`
    mutation CredentialsRegisterWithOrders($email: String!, $password: String!) {
  register(input: {email: $email, password: $password}) {
    token
    user {
      id
      orders(first: 5) {
        totalCount
        nodes {
          id
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<CredentialsRegisterWithOrdersMutation, CredentialsRegisterWithOrdersMutationVariables>;
export const CredentialsLoginWithOrdersDocument = new TypedDocumentString(`
    mutation CredentialsLoginWithOrders($email: String!, $password: String!) {
  login(email: $email, password: $password) {
    token
    user {
      orders(first: 5) {
        nodes {
          id
          user {
            id
          }
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<CredentialsLoginWithOrdersMutation, CredentialsLoginWithOrdersMutationVariables>;
export const CredentialsCreateLampDocument = new TypedDocumentString(`
    mutation CredentialsCreateLamp {
  createProduct(input: {name: "Lamp", price: "19.99", stock: 5, category: "Home"}) {
    id
  }
}
    `) as unknown as TypedDocumentString<CredentialsCreateLampMutation, CredentialsCreateLampMutationVariables>;
export const CredentialsPlaceOneDocument = new TypedDocumentString(`
    mutation CredentialsPlaceOne($p: ID!) {
  placeOrder(input: {items: [{productId: $p, quantity: 1}]}) {
    id
  }
}
    `) as unknown as TypedDocumentString<CredentialsPlaceOneMutation, CredentialsPlaceOneMutationVariables>;
export const CredentialsRegisterThenLogoutDocument = new TypedDocumentString(`
    mutation CredentialsRegisterThenLogout($email: String!, $password: String!) {
  register(input: {email: $email, password: $password}) {
    token
  }
  logout
}
    `) as unknown as TypedDocumentString<CredentialsRegisterThenLogoutMutation, CredentialsRegisterThenLogoutMutationVariables>;
export const ExpensiveSearchDocument = new TypedDocumentString(`
    query ExpensiveSearch {
  products(first: 50, search: "77") {
    totalCount
    nodes {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<ExpensiveSearchQuery, ExpensiveSearchQueryVariables>;
export const ExpensiveProductDocument = new TypedDocumentString(`
    query ExpensiveProduct($id: ID!) {
  product(id: $id) {
    id
  }
}
    `) as unknown as TypedDocumentString<ExpensiveProductQuery, ExpensiveProductQueryVariables>;
export const ExecutorCreateProductDocument = new TypedDocumentString(`
    mutation ExecutorCreateProduct($input: ProductInput!) {
  createProduct(input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<ExecutorCreateProductMutation, ExecutorCreateProductMutationVariables>;
export const ExecutorPlaceOrderDocument = new TypedDocumentString(`
    mutation ExecutorPlaceOrder($input: PlaceOrderInput!) {
  placeOrder(input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<ExecutorPlaceOrderMutation, ExecutorPlaceOrderMutationVariables>;
export const FloodRegisterDocument = new TypedDocumentString(`
    mutation FloodRegister($email: String!, $password: String!) {
  register(input: {email: $email, password: $password}) {
    token
  }
}
    `) as unknown as TypedDocumentString<FloodRegisterMutation, FloodRegisterMutationVariables>;
export const FloodLoginDocument = new TypedDocumentString(`
    mutation FloodLogin($email: String!, $password: String!) {
  login(email: $email, password: $password) {
    token
    user {
      email
    }
  }
}
    `) as unknown as TypedDocumentString<FloodLoginMutation, FloodLoginMutationVariables>;
export const HttpProductCountDocument = new TypedDocumentString(`
    query HttpProductCount {
  products(first: 1) {
    totalCount
  }
}
    `) as unknown as TypedDocumentString<HttpProductCountQuery, HttpProductCountQueryVariables>;
export const HardeningSignInDocument = new TypedDocumentString(`
    mutation HardeningSignIn($e: String!, $p: String!) {
  login(email: $e, password: $p) {
    token
  }
}
    `) as unknown as TypedDocumentString<HardeningSignInMutation, HardeningSignInMutationVariables>;
export const HardeningMeDocument = new TypedDocumentString(`
    query HardeningMe {
  me {
    email
  }
}
    `) as unknown as TypedDocumentString<HardeningMeQuery, HardeningMeQueryVariables>;
export const LoaderOrdersDocument = new TypedDocumentString(`
    query LoaderOrders($first: Int) {
  orders(first: $first) {
    nodes {
      id
      items {
        quantity
        product {
          name
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<LoaderOrdersQuery, LoaderOrdersQueryVariables>;
export const LoaderPlaceOrderDocument = new TypedDocumentString(`
    mutation LoaderPlaceOrder($input: PlaceOrderInput!) {
  placeOrder(input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<LoaderPlaceOrderMutation, LoaderPlaceOrderMutationVariables>;
export const ThrottleLoginDocument = new TypedDocumentString(`
    mutation ThrottleLogin($email: String!, $password: String!) {
  login(email: $email, password: $password) {
    token
    user {
      email
    }
  }
}
    `) as unknown as TypedDocumentString<ThrottleLoginMutation, ThrottleLoginMutationVariables>;
export const ThrottleChangePasswordDocument = new TypedDocumentString(`
    mutation ThrottleChangePassword($current: String!, $next: String!) {
  changePassword(currentPassword: $current, newPassword: $next) {
    token
  }
}
    `) as unknown as TypedDocumentString<ThrottleChangePasswordMutation, ThrottleChangePasswordMutationVariables>;
export const HoardingMarkPaidDocument = new TypedDocumentString(`
    mutation HoardingMarkPaid($id: ID!) {
  updateOrderStatus(id: $id, status: PAID) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<HoardingMarkPaidMutation, HoardingMarkPaidMutationVariables>;
export const MineDocument = new TypedDocumentString(`
    query Mine($first: Int, $after: String, $status: OrderStatus) {
  myOrders(first: $first, after: $after, status: $status) {
    ...OrderConnectionFields
  }
}
    fragment OrderConnectionFields on OrderConnection {
  edges {
    cursor
    node {
      id
    }
  }
  nodes {
    id
    status
    user {
      id
    }
  }
  pageInfo {
    hasNextPage
    endCursor
  }
  totalCount
}`) as unknown as TypedDocumentString<MineQuery, MineQueryVariables>;
export const AllDocument = new TypedDocumentString(`
    query All($first: Int, $after: String, $status: OrderStatus, $userId: ID) {
  orders(first: $first, after: $after, status: $status, userId: $userId) {
    ...OrderConnectionFields
  }
}
    fragment OrderConnectionFields on OrderConnection {
  edges {
    cursor
    node {
      id
    }
  }
  nodes {
    id
    status
    user {
      id
    }
  }
  pageInfo {
    hasNextPage
    endCursor
  }
  totalCount
}`) as unknown as TypedDocumentString<AllQuery, AllQueryVariables>;
export const MeOrdersDocument = new TypedDocumentString(`
    query MeOrders {
  me {
    id
    orders(first: 100) {
      ...OrderConnectionFields
    }
  }
}
    fragment OrderConnectionFields on OrderConnection {
  edges {
    cursor
    node {
      id
    }
  }
  nodes {
    id
    status
    user {
      id
    }
  }
  pageInfo {
    hasNextPage
    endCursor
  }
  totalCount
}`) as unknown as TypedDocumentString<MeOrdersQuery, MeOrdersQueryVariables>;
export const UserOrdersDocument = new TypedDocumentString(`
    query UserOrders($id: ID!) {
  user(id: $id) {
    id
    orders(first: 100) {
      ...OrderConnectionFields
    }
  }
}
    fragment OrderConnectionFields on OrderConnection {
  edges {
    cursor
    node {
      id
    }
  }
  nodes {
    id
    status
    user {
      id
    }
  }
  pageInfo {
    hasNextPage
    endCursor
  }
  totalCount
}`) as unknown as TypedDocumentString<UserOrdersQuery, UserOrdersQueryVariables>;
export const DeletingUpdateProductDocument = new TypedDocumentString(`
    mutation DeletingUpdateProduct($id: ID!, $input: ProductUpdateInput!) {
  updateProduct(id: $id, input: $input) {
    id
    name
    price
  }
}
    `) as unknown as TypedDocumentString<DeletingUpdateProductMutation, DeletingUpdateProductMutationVariables>;
export const DeletingDeleteProductDocument = new TypedDocumentString(`
    mutation DeletingDeleteProduct($id: ID!) {
  deleteProduct(id: $id)
}
    `) as unknown as TypedDocumentString<DeletingDeleteProductMutation, DeletingDeleteProductMutationVariables>;
export const DeletingProductDocument = new TypedDocumentString(`
    query DeletingProduct($id: ID!) {
  product(id: $id) {
    id
    name
  }
}
    `) as unknown as TypedDocumentString<DeletingProductQuery, DeletingProductQueryVariables>;
export const DeletingProductsDocument = new TypedDocumentString(`
    query DeletingProducts($search: String) {
  products(first: 100, search: $search) {
    nodes {
      id
    }
    totalCount
  }
}
    `) as unknown as TypedDocumentString<DeletingProductsQuery, DeletingProductsQueryVariables>;
export const DeletingCategoriesDocument = new TypedDocumentString(`
    query DeletingCategories {
  categories
}
    `) as unknown as TypedDocumentString<DeletingCategoriesQuery, DeletingCategoriesQueryVariables>;
export const DeletingMyOrdersDocument = new TypedDocumentString(`
    query DeletingMyOrders {
  myOrders {
    nodes {
      ...OrderFields
    }
  }
}
    fragment OrderFields on Order {
  id
  status
  total
  createdAt
  updatedAt
  user {
    id
    email
  }
  items {
    id
    productName
    quantity
    unitPrice
    lineTotal
    product {
      id
      name
      price
      archived
    }
  }
}`) as unknown as TypedDocumentString<DeletingMyOrdersQuery, DeletingMyOrdersQueryVariables>;
export const DeletingAllOrdersDocument = new TypedDocumentString(`
    query DeletingAllOrders {
  orders {
    nodes {
      ...OrderFields
    }
  }
}
    fragment OrderFields on Order {
  id
  status
  total
  createdAt
  updatedAt
  user {
    id
    email
  }
  items {
    id
    productName
    quantity
    unitPrice
    lineTotal
    product {
      id
      name
      price
      archived
    }
  }
}`) as unknown as TypedDocumentString<DeletingAllOrdersQuery, DeletingAllOrdersQueryVariables>;
export const StatementsCancelOrderDocument = new TypedDocumentString(`
    mutation StatementsCancelOrder($id: ID!) {
  cancelOrder(id: $id) {
    id
  }
}
    `) as unknown as TypedDocumentString<StatementsCancelOrderMutation, StatementsCancelOrderMutationVariables>;
export const StatementsOrdersDocument = new TypedDocumentString(`
    query StatementsOrders($first: Int) {
  orders(first: $first) {
    nodes {
      id
      total
      user {
        email
      }
      items {
        quantity
        unitPrice
        product {
          name
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<StatementsOrdersQuery, StatementsOrdersQueryVariables>;
export const StatementsShoppersDocument = new TypedDocumentString(`
    query StatementsShoppers($first: Int) {
  users(first: $first, search: "shopper") {
    nodes {
      email
      orders(first: 2) {
        totalCount
        nodes {
          id
          items {
            quantity
          }
        }
      }
      pending: orders(first: 5, status: PENDING) {
        totalCount
      }
    }
  }
}
    `) as unknown as TypedDocumentString<StatementsShoppersQuery, StatementsShoppersQueryVariables>;
export const StorefrontLoginDocument = new TypedDocumentString(`
    mutation StorefrontLogin($email: String!, $password: String!) {
  login(email: $email, password: $password) {
    token
  }
}
    `) as unknown as TypedDocumentString<StorefrontLoginMutation, StorefrontLoginMutationVariables>;
export const StorefrontOrderStatusDocument = new TypedDocumentString(`
    query StorefrontOrderStatus($id: ID!) {
  order(id: $id) {
    status
  }
}
    `) as unknown as TypedDocumentString<StorefrontOrderStatusQuery, StorefrontOrderStatusQueryVariables>;
export const StorefrontMyOrderCountDocument = new TypedDocumentString(`
    query StorefrontMyOrderCount {
  myOrders {
    totalCount
  }
}
    `) as unknown as TypedDocumentString<StorefrontMyOrderCountQuery, StorefrontMyOrderCountQueryVariables>;
export const StorefrontPlaceOneDocument = new TypedDocumentString(`
    mutation StorefrontPlaceOne {
  placeOrder(input: {items: [{productId: "1", quantity: 1}]}) {
    id
  }
}
    `) as unknown as TypedDocumentString<StorefrontPlaceOneMutation, StorefrontPlaceOneMutationVariables>;
export const StorefrontLanternCountDocument = new TypedDocumentString(`
    query StorefrontLanternCount {
  products(search: "storm lantern") {
    totalCount
  }
}
    `) as unknown as TypedDocumentString<StorefrontLanternCountQuery, StorefrontLanternCountQueryVariables>;
export const StorefrontCreateCandleDocument = new TypedDocumentString(`
    mutation StorefrontCreateCandle {
  createProduct(
    input: {name: "Beeswax Pillar Candle", description: "Hand-poured.", price: "12.00", stock: 3, category: "Home & Kitchen"}
  ) {
    id
  }
}
    `) as unknown as TypedDocumentString<StorefrontCreateCandleMutation, StorefrontCreateCandleMutationVariables>;
export const StorefrontStockDocument = new TypedDocumentString(`
    query StorefrontStock($id: ID!) {
  product(id: $id) {
    stock
  }
}
    `) as unknown as TypedDocumentString<StorefrontStockQuery, StorefrontStockQueryVariables>;
export const StorefrontRegisterDocument = new TypedDocumentString(`
    mutation StorefrontRegister($email: String!) {
  register(input: {email: $email, password: "correct horse battery"}) {
    token
  }
}
    `) as unknown as TypedDocumentString<StorefrontRegisterMutation, StorefrontRegisterMutationVariables>;
export const StorefrontWrongLoginDocument = new TypedDocumentString(`
    mutation StorefrontWrongLogin($email: String!) {
  login(email: $email, password: "wrong password") {
    token
  }
}
    `) as unknown as TypedDocumentString<StorefrontWrongLoginMutation, StorefrontWrongLoginMutationVariables>;
export const RacePlaceOrderDocument = new TypedDocumentString(`
    mutation RacePlaceOrder($input: PlaceOrderInput!) {
  placeOrder(input: $input) {
    id
    status
    items {
      quantity
      product {
        id
      }
    }
  }
}
    `) as unknown as TypedDocumentString<RacePlaceOrderMutation, RacePlaceOrderMutationVariables>;
export const RaceCancelOrderDocument = new TypedDocumentString(`
    mutation RaceCancelOrder($id: ID!) {
  cancelOrder(id: $id) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<RaceCancelOrderMutation, RaceCancelOrderMutationVariables>;
export const SuitePlaceOrderDocument = new TypedDocumentString(`
    mutation SuitePlaceOrder($input: PlaceOrderInput!) {
  placeOrder(input: $input) {
    ...OrderFields
  }
}
    fragment OrderFields on Order {
  id
  status
  total
  createdAt
  updatedAt
  user {
    id
    email
  }
  items {
    id
    productName
    quantity
    unitPrice
    lineTotal
    product {
      id
      name
      price
      archived
    }
  }
}`) as unknown as TypedDocumentString<SuitePlaceOrderMutation, SuitePlaceOrderMutationVariables>;
export const SuiteCancelOrderDocument = new TypedDocumentString(`
    mutation SuiteCancelOrder($id: ID!) {
  cancelOrder(id: $id) {
    ...OrderFields
  }
}
    fragment OrderFields on Order {
  id
  status
  total
  createdAt
  updatedAt
  user {
    id
    email
  }
  items {
    id
    productName
    quantity
    unitPrice
    lineTotal
    product {
      id
      name
      price
      archived
    }
  }
}`) as unknown as TypedDocumentString<SuiteCancelOrderMutation, SuiteCancelOrderMutationVariables>;
export const SuiteUpdateOrderStatusDocument = new TypedDocumentString(`
    mutation SuiteUpdateOrderStatus($id: ID!, $status: OrderStatus!) {
  updateOrderStatus(id: $id, status: $status) {
    ...OrderFields
  }
}
    fragment OrderFields on Order {
  id
  status
  total
  createdAt
  updatedAt
  user {
    id
    email
  }
  items {
    id
    productName
    quantity
    unitPrice
    lineTotal
    product {
      id
      name
      price
      archived
    }
  }
}`) as unknown as TypedDocumentString<SuiteUpdateOrderStatusMutation, SuiteUpdateOrderStatusMutationVariables>;
export const SuiteOrderDocument = new TypedDocumentString(`
    query SuiteOrder($id: ID!) {
  order(id: $id) {
    ...OrderFields
  }
}
    fragment OrderFields on Order {
  id
  status
  total
  createdAt
  updatedAt
  user {
    id
    email
  }
  items {
    id
    productName
    quantity
    unitPrice
    lineTotal
    product {
      id
      name
      price
      archived
    }
  }
}`) as unknown as TypedDocumentString<SuiteOrderQuery, SuiteOrderQueryVariables>;
export const RevocationMeDocument = new TypedDocumentString(`
    query RevocationMe {
  me {
    id
    email
    role
  }
}
    `) as unknown as TypedDocumentString<RevocationMeQuery, RevocationMeQueryVariables>;
export const RevocationMeIdDocument = new TypedDocumentString(`
    query RevocationMeId {
  me {
    id
  }
}
    `) as unknown as TypedDocumentString<RevocationMeIdQuery, RevocationMeIdQueryVariables>;
export const RevocationLoginDocument = new TypedDocumentString(`
    mutation RevocationLogin($email: String!, $password: String!) {
  login(email: $email, password: $password) {
    token
    user {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<RevocationLoginMutation, RevocationLoginMutationVariables>;
export const RevocationLogoutDocument = new TypedDocumentString(`
    mutation RevocationLogout {
  logout
}
    `) as unknown as TypedDocumentString<RevocationLogoutMutation, RevocationLogoutMutationVariables>;
export const RevocationChangePasswordDocument = new TypedDocumentString(`
    mutation RevocationChangePassword($current: String!, $next: String!) {
  changePassword(currentPassword: $current, newPassword: $next) {
    token
    expiresAt
    user {
      id
      email
      role
    }
  }
}
    `) as unknown as TypedDocumentString<RevocationChangePasswordMutation, RevocationChangePasswordMutationVariables>;
export const RevocationUpdateRoleDocument = new TypedDocumentString(`
    mutation RevocationUpdateRole($id: ID!, $role: Role!) {
  updateUserRole(id: $id, role: $role) {
    id
    email
    role
  }
}
    `) as unknown as TypedDocumentString<RevocationUpdateRoleMutation, RevocationUpdateRoleMutationVariables>;