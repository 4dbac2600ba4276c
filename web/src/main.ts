import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';

document.documentElement.lang = localStorage.getItem('govmedia.locale') === 'en' ? 'en' : 'zh-CN';
const target = document.getElementById('app');
if (!target) throw new Error('#app missing');
export default mount(App, { target });
