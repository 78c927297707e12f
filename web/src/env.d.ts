/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** The API's origin (https://api.example.com) when the storefront is hosted apart from it. */
  readonly VITE_API_URL?: string;
}
