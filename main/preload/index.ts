/**
 * The preload: exposes the contract's pipe (common/bridge.ts) to the sandboxed
 * renderer with contextBridge, and nothing else. No Node, no ipcRenderer
 * itself, crosses over.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from '../common/bridge.ts';

contextBridge.exposeInMainWorld('paperboy', createBridge(ipcRenderer));
