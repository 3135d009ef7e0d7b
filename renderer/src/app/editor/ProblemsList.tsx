import type { EditorProblem } from './problems';

/** The document's problems under the editor; choosing one moves the cursor to it. */
export function ProblemsList({ problems, onSelect }: { problems: readonly EditorProblem[]; onSelect: (problem: EditorProblem) => void }) {
  return (
    <section className="editor-problems" data-testid="editor-problems" aria-label="Problems">
      <h2>
        Problems <span className="muted">{problems.length === 0 ? 'none' : problems.length}</span>
      </h2>
      <ul>
        {problems.map((problem) => (
          <li key={`${problem.line}:${problem.column}:${problem.message}`}>
            <button type="button" className="editor-problem" data-testid="editor-problem" data-severity={problem.severity} onClick={() => onSelect(problem)}>
              <span className={`badge ${problem.severity === 'error' ? 'error' : problem.severity === 'warning' ? 'warning' : 'missing'}`}>{problem.severity}</span>
              <span className="muted">
                Ln {problem.line}, Col {problem.column}
              </span>
              <span>{problem.message}</span>
              {problem.source && <span className="muted editor-problem-source">{problem.source}</span>}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
