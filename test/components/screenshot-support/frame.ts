// The screenshot tool inside a frame, the way an OSvC add-in runs it.
import './evidence-host.js';
import '../../../components/screenshot/define.js';
