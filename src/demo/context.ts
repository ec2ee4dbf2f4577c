import type {ResourceInput} from '../inventory/model.js'

/** The demo organisation's accounts, subscriptions and projects. */
export const AWS_PROD = '412345678901'
export const AWS_DATA = '598765432109'
export const AZ_CORP = '6f1d3c2a-8b7e-4c55-9a0e-2d4b7c1e9f30'
export const AZ_ANALYTICS = 'c3a9e5b1-47d2-4f8a-b6e0-91f2a7d4c8e5'
export const GCP_PROJECT = 'nordwind-ml-prod'

/** An application of the demo organisation: its owner, cost centre and how critical it is. */
export interface App {
  app: string
  owner: string
  costCenter: string
  critical?: boolean
  exitPlan?: boolean
  classification: 'public' | 'internal' | 'confidential' | 'restricted'
}

/** What every part of the demo estate builds with: the seeded random source and the resource sink. */
export interface DemoContext {
  random: () => number
  /** Adds a resource under a source scope such as `aws/412345678901/eu-central-1`; returns its id. */
  push: (scope: string, resource: Omit<ResourceInput, 'source'>) => string
  tagsFor: (app: App, env?: string) => Record<string, string>
  /** A seeded whole number between min and max. */
  size: (min: number, max: number) => number
}
