import { type KeyboardEvent, memo, useCallback, useEffect, useRef, useState } from 'react';
import { isWorking, pulling } from '../../state/chat-slice';
import type { ChatEntry } from '../../state/chat-transcript';
import { useAppPick, useAppStore } from '../store-context';
import { ConversationList } from './ConversationList';
import { Markdown } from './Markdown';
import { ModelPicker } from './ModelPicker';
import { ToolCard } from './ToolCard';
import './chat.css';

const stateLabels: Record<string, string> = {
  idle: 'Ready',
  thinking: 'Thinking…',
  streaming: 'Answering…',
  'waiting-for-approval': 'Waiting for your approval in the plan',
  'waiting-for-user': 'Waiting for your answer',
  'running-plan': 'Running the approved steps…',
  done: 'Done',
  failed: 'Failed',
  cancelled: 'Stopped',
};

/** The conversation with the agent: streamed answers, tool cards, questions answered inline, stop in every state. */
export function ChatPane() {
  const chat = useAppStore((state) => state.chat);
  const { sendMessage, stopSession, navigate } = useAppPick('sendMessage', 'stopSession', 'navigate');
  const [draft, setDraft] = useState('');
  const working = isWorking(chat.state) || chat.sending;
  const openPlan = useCallback(() => navigate('plan'), [navigate]);
  const end = useRef<HTMLDivElement>(null);
  useEffect(() => {
    end.current?.scrollIntoView?.({ block: 'end' });
  }, [chat.entries]);
  useEffect(() => {
    // Esc stops the agent from anywhere in the pane.
    const onKey = (event: globalThis.KeyboardEvent): void => {
      // Not when Esc belongs to something else: closing the palette, leaving a rename.
      if (event.key !== 'Escape' || !working || event.defaultPrevented || (event.target as HTMLElement | null)?.closest?.('.conversations')) return;
      void stopSession();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [working, stopSession]);

  const send = async (): Promise<void> => {
    const text = draft.trim();
    if (!text || working) return;
    if (await sendMessage(text)) setDraft('');
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): void => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void send();
    }
  };

  return (
    <section className="pane chat-pane" data-testid="pane-chat" aria-labelledby="pane-title-chat">
      <ConversationList />
      <div className="chat-main">
        <h1 id="pane-title-chat">Chat</h1>
        <ModelPicker />
        <div className="chat-messages" data-testid="chat-messages" aria-live="polite">
          {chat.entries.length === 0 && <p className="muted">Ask for something — “bring up postgres and redis for my app”. The agent looks first, then proposes a plan you approve step by step.</p>}
          {chat.entries.map((entry, index) => (
            <Entry key={index} entry={entry} onOpenPlan={openPlan} />
          ))}
          <div ref={end} />
        </div>
        {chat.pendingQuestion && <QuestionForm question={chat.pendingQuestion} />}
        <p className={`chat-state ${chat.state}`} data-testid="chat-state" data-state={chat.state} role="status">
          {chat.sending ? 'Sending…' : stateLabels[chat.state]}
          {chat.state === 'waiting-for-approval' && (
            <button type="button" className="link" onClick={openPlan} data-testid="chat-plan-open">
              Open the plan
            </button>
          )}
        </p>
        {chat.error && (
          <div className="error" role="alert" data-testid="chat-error">
            <Markdown text={chat.error} />
          </div>
        )}
        <div className="chat-input row">
          <textarea value={draft} onChange={(event) => setDraft(event.target.value)} onKeyDown={onKeyDown} placeholder="Ask Reign… (Enter to send, Shift+Enter for a new line)" rows={3} aria-label="Message to the agent" data-testid="chat-input" />
          {working ? (
            <button type="button" onClick={() => void stopSession()} data-testid="chat-stop" className="danger">
              Stop (Esc)
            </button>
          ) : (
            <button type="button" onClick={() => void send()} disabled={!draft.trim()} data-testid="chat-send" className="primary">
              Send
            </button>
          )}
        </div>
      </div>
    </section>
  );
}

/** One entry; memoised, so a streamed delta re-renders only the answer it extends. */
const Entry = memo(function Entry({ entry, onOpenPlan }: { entry: ChatEntry; onOpenPlan: () => void }) {
  switch (entry.kind) {
    case 'user':
      return <div className="msg user" data-testid="chat-message" data-kind="user">{entry.text}</div>;
    case 'assistant':
      return <div className="msg assistant" data-testid="chat-message" data-kind="assistant"><Markdown text={entry.text} /></div>;
    case 'tool':
      return <ToolCard entry={entry} />;
    case 'plan':
      return (
        <div className="msg plan" data-testid="chat-message" data-kind="plan">
          Proposed a plan of {entry.steps} step{entry.steps === 1 ? '' : 's'}: {entry.summary}{' '}
          <button type="button" className="link" onClick={onOpenPlan}>Review it in the plan graph</button>
        </div>
      );
    case 'question':
      return <div className="msg question" data-testid="chat-message" data-kind="question">❓ {entry.question}{entry.answer !== null && <div className="muted">You answered: {entry.answer}</div>}</div>;
    case 'notice':
      return <div className="msg notice muted" data-testid="chat-message" data-kind="notice"><Markdown text={entry.text} /></div>;
    case 'error':
      return <ErrorEntry entry={entry} />;
  }
});

/** A provider failure, with the Pull button when Ollama lacks the chosen model. */
function ErrorEntry({ entry }: { entry: Extract<ChatEntry, { kind: 'error' }> }) {
  const pullModel = useAppStore((state) => state.pullModel);
  const provider = useAppStore((state) => state.chat.provider);
  const model = useAppStore((state) => state.chat.model);
  const pull = useAppStore((state) => state.chat.pull);
  return (
    <div className="msg error" role="alert" data-testid="chat-message" data-kind="error" data-error-kind={entry.errorKind}>
      {/* Reign's own messages use `code` for commands to run; shown as code, not backticks. */}
      <Markdown text={entry.text} />
      {entry.errorKind === 'not_found' && provider === 'ollama' && model && (
        <button type="button" onClick={() => void pullModel(model)} disabled={pulling(pull)} data-testid="chat-error-pull">
          Pull {model}
        </button>
      )}
    </div>
  );
}

function QuestionForm({ question }: { question: string }) {
  const answerAgent = useAppStore((state) => state.answerAgent);
  const [answer, setAnswer] = useState('');
  return (
    <form
      className="chat-question card"
      data-testid="chat-question"
      onSubmit={(event) => {
        event.preventDefault();
        if (answer.trim()) void answerAgent(answer.trim()).then(() => setAnswer(''));
      }}
    >
      <label>
        {question} <input value={answer} onChange={(event) => setAnswer(event.target.value)} autoFocus data-testid="chat-answer-input" aria-label="Your answer" />
      </label>
      <button type="submit" data-testid="chat-answer-send" disabled={!answer.trim()}>Answer</button>
    </form>
  );
}
