import './style.css';
import './app.js';
