export { ordersApi } from './orders.api.js';
export { ordersRoutes } from './orders.routes.js';
export { type OrderHistoryPage, orderHistoryPage } from './orders.service.js';
export { OrderList } from './views/order-list.js';
