/** The two database engines Rapport runs on. */
export type Engine = 'sqlite' | 'postgres';
