import { useEffect, useState, type RefObject } from 'react';

// One observer for every element that asks, rather than one each.
let observer: IntersectionObserver | null = null;
const listeners = new Map<Element, (inView: boolean) => void>();

function sharedObserver(): IntersectionObserver {
  observer ??= new IntersectionObserver((entries) => {
    for (const entry of entries) listeners.get(entry.target)?.(entry.isIntersecting);
  });
  return observer;
}

/** Whether the element is on screen; false until the browser has said so. */
export function useInView(ref: RefObject<Element | null>): boolean {
  const [inView, setInView] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const shared = sharedObserver();
    listeners.set(element, setInView);
    shared.observe(element);
    return () => {
      shared.unobserve(element);
      listeners.delete(element);
    };
  }, [ref]);
  return inView;
}
