// Every operation the storefront sends: fixed documents with variables (so the server's
// document cache stays warm), typed by `npm run codegen` into ./gql.
import { graphql } from './gql';

export const ProductCardFields = graphql(`
  fragment ProductCardFields on Product {
    id
    name
    price
    stock
    category
  }
`);

/** Everything the product page and the admin editor show of a product. */
export const ProductDetailFields = graphql(`
  fragment ProductDetailFields on Product {
    id
    name
    description
    price
    stock
    category
    archived
    updatedAt
  }
`);

/** The catalog's first screen in one round trip: who is signed in, the categories, the first page. */
export const CatalogQuery = graphql(`
  query Catalog($first: Int!, $search: String, $category: String, $sort: ProductSort!) {
    me {
      id
      email
      role
    }
    categories
    products(first: $first, search: $search, category: $category, sort: $sort) {
      totalCount
      totalCountPrecision
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        ...ProductCardFields
      }
    }
  }
`);

/** "Load more": the next page after a cursor, with the same filters. */
export const MoreProductsQuery = graphql(`
  query MoreProducts($first: Int!, $after: String!, $search: String, $category: String, $sort: ProductSort!) {
    products(first: $first, after: $after, search: $search, category: $category, sort: $sort) {
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        ...ProductCardFields
      }
    }
  }
`);

export const ProductQuery = graphql(`
  query Product($id: ID!) {
    product(id: $id) {
      ...ProductDetailFields
    }
  }
`);

export const SignInMutation = graphql(`
  mutation SignIn($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      token
      expiresAt
      user {
        id
        email
        role
      }
    }
  }
`);

export const RegisterMutation = graphql(`
  mutation Register($input: RegisterInput!) {
    register(input: $input) {
      token
      expiresAt
      user {
        id
        email
        role
      }
    }
  }
`);

export const SignOutMutation = graphql(`
  mutation SignOut {
    logout
  }
`);

export const OrderFields = graphql(`
  fragment OrderFields on Order {
    id
    status
    total
    createdAt
    updatedAt
    items {
      id
      productName
      quantity
      unitPrice
      lineTotal
    }
  }
`);

export const PlaceOrderMutation = graphql(`
  mutation PlaceOrder($input: PlaceOrderInput!) {
    placeOrder(input: $input) {
      ...OrderFields
    }
  }
`);

export const MyOrdersQuery = graphql(`
  query MyOrders($first: Int!, $after: String) {
    myOrders(first: $first, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        ...OrderFields
      }
    }
  }
`);

export const CancelOrderMutation = graphql(`
  mutation CancelOrder($id: ID!) {
    cancelOrder(id: $id) {
      id
      status
      updatedAt
    }
  }
`);

export const AdminProductsQuery = graphql(`
  query AdminProducts($first: Int!, $after: String, $search: String) {
    products(first: $first, after: $after, search: $search, sort: NEWEST) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        ...ProductCardFields
        updatedAt
      }
    }
  }
`);

export const CreateProductMutation = graphql(`
  mutation CreateProduct($input: ProductInput!) {
    createProduct(input: $input) {
      ...ProductDetailFields
    }
  }
`);

export const UpdateProductMutation = graphql(`
  mutation UpdateProduct($id: ID!, $input: ProductUpdateInput!) {
    updateProduct(id: $id, input: $input) {
      ...ProductDetailFields
    }
  }
`);

export const DeleteProductMutation = graphql(`
  mutation DeleteProduct($id: ID!) {
    deleteProduct(id: $id)
  }
`);

export const AdminOrdersQuery = graphql(`
  query AdminOrders($first: Int!, $after: String, $status: OrderStatus) {
    orders(first: $first, after: $after, status: $status) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        status
        total
        createdAt
        user {
          id
          email
        }
        items {
          id
          productName
          quantity
        }
      }
    }
  }
`);

export const UpdateOrderStatusMutation = graphql(`
  mutation UpdateOrderStatus($id: ID!, $status: OrderStatus!) {
    updateOrderStatus(id: $id, status: $status) {
      id
      status
      updatedAt
    }
  }
`);
