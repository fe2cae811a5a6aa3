export { courseRoutes } from './course.routes.js';
