// The JSON language service (validation of plan-step inputs against their tool's schema).
import 'monaco-editor/languages/features/json/json.worker';
