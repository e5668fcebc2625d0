import { createContext, useContext } from 'react';

/**
 * Reloads the customer page (the customer, the brief, the timeline, the figures): what a delete or
 * an Undo deep in one of its panels calls. Null outside a customer page.
 */
export const CustomerRefresh = createContext<(() => void) | null>(null);

export const useCustomerRefresh = () => useContext(CustomerRefresh);
