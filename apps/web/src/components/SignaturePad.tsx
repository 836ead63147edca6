import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import '../pages/sign-off-i18n';

/**
 * A drawn signature (手写签名) for phones and mice: a transparent canvas the
 * finger or pointer draws on; `onChange` gets the PNG data URL once anything
 * is drawn, null after 重写. The server checks the PNG and refuses a blank one.
 */
export function SignaturePad({
  id,
  label,
  onChange,
}: {
  id: string;
  label: string;
  onChange: (png: string | null) => void;
}) {
  const { t } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);
  const [drawn, setDrawn] = useState(false);

  useEffect(() => {
    const c = canvas.current!;
    const ratio = Math.min(2, window.devicePixelRatio || 1);
    c.width = Math.round(c.clientWidth * ratio);
    c.height = Math.round(c.clientHeight * ratio);
    const ctx = c.getContext('2d')!;
    ctx.scale(ratio, ratio);
    ctx.lineWidth = 2.5;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.strokeStyle = '#111';
  }, []);

  const point = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };
  const down = (e: React.PointerEvent<HTMLCanvasElement>) => {
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
    drawing.current = true;
    const ctx = e.currentTarget.getContext('2d')!;
    const p = point(e);
    ctx.beginPath();
    ctx.moveTo(p.x, p.y);
    ctx.lineTo(p.x + 0.1, p.y + 0.1);
    ctx.stroke();
  };
  const move = (e: React.PointerEvent<HTMLCanvasElement>) => {
    if (!drawing.current) return;
    const ctx = e.currentTarget.getContext('2d')!;
    const p = point(e);
    ctx.lineTo(p.x, p.y);
    ctx.stroke();
  };
  const up = () => {
    if (!drawing.current) return;
    drawing.current = false;
    setDrawn(true);
    onChange(canvas.current!.toDataURL('image/png'));
  };
  const clear = () => {
    const c = canvas.current!;
    c.getContext('2d')!.clearRect(0, 0, c.width, c.height);
    setDrawn(false);
    onChange(null);
  };

  return (
    <div className="signature-pad">
      <label htmlFor={id} className="signature-pad__label">
        {label}
      </label>
      <canvas
        id={id}
        ref={canvas}
        role="img"
        aria-label={label}
        className="signature-pad__canvas"
        style={{
          width: '100%',
          height: 160,
          border: '1px dashed #999',
          borderRadius: 8,
          background: '#fff',
          touchAction: 'none',
          display: 'block',
        }}
        onPointerDown={down}
        onPointerMove={move}
        onPointerUp={up}
        onPointerCancel={up}
        onPointerLeave={up}
      />
      <div style={{ display: 'flex', justifyContent: 'space-between', marginTop: 4 }}>
        <span className="muted">{drawn ? t('signOff.drawn') : t('signOff.drawHere')}</span>
        <button type="button" className="link-button" onClick={clear} disabled={!drawn}>
          {t('signOff.clear')}
        </button>
      </div>
    </div>
  );
}
